"""Self-checks of notebook 02 (Synthetic data): right answers pass, typical wrong ones get their hint."""

import torch

import selfcheck


def test_noisy_data_checks_shapes_and_noise_level(said):
    w, b = torch.tensor([1.0, -1.0]), 0.5
    X = torch.randn(2000, 2, generator=torch.Generator().manual_seed(0))
    noise = 0.1 * torch.randn(2000, generator=torch.Generator().manual_seed(1))
    selfcheck.noisy_data(X, (X @ w + b + noise).reshape(-1, 1), w, b, noise_std=0.1)
    assert said().startswith("Right:")
    selfcheck.noisy_data(X, (X @ w + b + noise / 10).reshape(-1, 1), w, b, noise_std=0.1)
    assert "scale the noise" in said()
    selfcheck.noisy_data(X, X @ w + b + noise, w, b, noise_std=0.1)
    assert "must be a column" in said()
