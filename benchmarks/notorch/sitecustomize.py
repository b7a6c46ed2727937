"""Hide PyTorch from a benchmark run in a venv that has the `train` extra, as a `make install` venv does.

thinc imports PyTorch whenever it is installed, which adds about 1.2 s to each worker's start-up.
Use: PYTHONPATH=benchmarks/notorch (spawned and Ray workers inherit it)."""
import sys


class _HideTorch:
    def find_spec(self, name, path=None, target=None):
        if name == "torch" or name.startswith("torch."):
            raise ModuleNotFoundError(f"No module named '{name}' (hidden)", name=name)
        return None


sys.meta_path.insert(0, _HideTorch())
