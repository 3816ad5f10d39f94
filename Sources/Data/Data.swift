/// Droid-like datasets: the episode file format, generation, storage and batched loading.
@_exported import Sim
