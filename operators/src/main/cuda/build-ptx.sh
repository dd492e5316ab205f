#!/usr/bin/env bash
# Regenerates the PTX of the Witness CUDA kernels, stamped with the SHA-256 of its source.
#   operators/src/main/cuda/build-ptx.sh [output.ptx]
# Default output: the resource CudaBackend loads. Needs nvcc (CUDA 13.0 made the shipped file); the PTX
# targets the virtual architecture compute_80, which the driver JIT-compiles for any newer GPU.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$here/witness_kernels.cu"
out="${1:-$here/../resources/io/witness/operators/compute/cuda/witness_kernels.ptx}"
nvcc="${NVCC:-nvcc}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$nvcc" -ptx -arch=compute_80 -O3 -std=c++17 -o "$tmp/k.ptx" "$src"
sha="$(sha256sum "$src" | cut -d' ' -f1)"
mkdir -p "$(dirname "$out")"
{ echo "// witness-source-sha256: $sha"; cat "$tmp/k.ptx"; } > "$out"
echo "wrote $out (source sha256 $sha)"
