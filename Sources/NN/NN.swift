/// Neural-network layers, optimizers, schedules and checkpoints over `Tensor`.
@_exported import Tensor
