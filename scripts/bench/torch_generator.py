#!/usr/bin/env python3
"""PyTorch anchor for the generator training-step benchmark (see TrainStepBench.java).

Same architecture as org.loupe.model.GeneratorFactory: per block nearest Upsample(2) and two
valid 3x3x3 Conv3d with LeakyReLU(0.2); then a zero-initialised 1x1x1 conv width -> C; output =
proj + tri; MSE loss; Adam(1e-3). One step = forward + backward + Adam update.

Usage: torch_generator.py C P WIDTH REPEATS [SCALE] [THREADS]
  (input side c + 2p, output side s(c + 2p) - 4(s - 1), batch 1, 3 channels)
  LOUPE_BENCH_DEVICE=cuda runs it on the GPU (steps timed with torch.cuda.synchronize).
Prints the per-step times, the median seconds/step and the peak RSS (ru_maxrss).
"""
import os
import resource
import statistics
import sys
import time

import torch
import torch.nn as nn


def build(channels, width, blocks):
    layers = []
    n_in = channels
    for _ in range(blocks):
        layers += [nn.Upsample(scale_factor=2, mode='nearest'),
                   nn.Conv3d(n_in, width, kernel_size=3, padding=0), nn.LeakyReLU(0.2),
                   nn.Conv3d(width, width, kernel_size=3, padding=0), nn.LeakyReLU(0.2)]
        n_in = width
    proj = nn.Conv3d(width, channels, kernel_size=1)
    nn.init.zeros_(proj.weight)
    nn.init.zeros_(proj.bias)
    layers.append(proj)
    return nn.Sequential(*layers)


def main():
    c, p, width, repeats = (int(a) for a in sys.argv[1:5])
    scale = int(sys.argv[5]) if len(sys.argv) > 5 else 2
    threads = int(sys.argv[6]) if len(sys.argv) > 6 else 2
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    channels = 3
    blocks = scale.bit_length() - 1
    side_in = c + 2 * p
    side_out = side_in
    for _ in range(blocks):
        side_out = 2 * side_out - 4

    device = torch.device(os.environ.get("LOUPE_BENCH_DEVICE", "cpu"))
    sync = torch.cuda.synchronize if device.type == "cuda" else (lambda: None)
    net = build(channels, width, blocks).to(device)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = nn.MSELoss()
    lr = torch.randn(1, channels, side_in, side_in, side_in, device=device)
    tri = torch.randn(1, channels, side_out, side_out, side_out, device=device)
    target = torch.randn(1, channels, side_out, side_out, side_out, device=device)

    def step():
        opt.zero_grad(set_to_none=True)
        out = net(lr) + tri
        loss = loss_fn(out, target)
        loss.backward()
        opt.step()
        return loss.item()

    print(f"torch {torch.__version__} device={device} threads={torch.get_num_threads()} "
          f"input {side_in}^3 -> output {side_out}^3 width {width}", flush=True)
    for _ in range(3):
        step()
    sync()
    times = []
    for i in range(repeats):
        t0 = time.perf_counter()
        loss = step()
        sync()
        dt = time.perf_counter() - t0
        times.append(dt)
        print(f"step {i}: {dt:.4f} s (loss {loss:.4f})", flush=True)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KiB on Linux
    print(f"median_s_per_step={statistics.median(times):.4f} peak_rss_mib={peak_mib:.0f}", flush=True)


if __name__ == '__main__':
    main()
