import Harness

/// Video encoders (V-JEPA, pixel patches, untrained ViT, masked autoencoder) behind the `Encoder` protocol.
public enum Encoders {
    /// Adds this module's components to `registry`; components join this list as they land.
    public static func register(into registry: inout Registry) throws {}
}
