import Render
import Sim
import Tensor

/// How the agent sees a world: the lab's camera rendered at the encoder's size, encoded alone, mapped into the
/// predictor's target space.
public struct Eye {
    public let encoder: any Encoder
    public let renderer: Renderer

    public init(encoder: any Encoder, renderer: Renderer = Renderer()) {
        self.encoder = encoder
        self.renderer = renderer
    }

    /// The camera frame of `world`.
    public func frame(_ world: World) -> RGBImage {
        renderer.render(world.visualBodies, lab: world.lab, width: encoder.imageSize, height: encoder.imageSize)
    }

    /// Encoder latents `[N, D]` of one frame.
    public func latents(_ image: RGBImage) -> Tensor {
        let frame = Tensor(shape: [1, image.height, image.width, 3], scalars: image.pixels.map { Float($0) / 255 })
        let z = encoder.encodeFrames(frame)
        return z.reshaped(Array(z.shape.dropFirst()))
    }

    /// The goal images of `task` in `lab`: each goal arrangement set up in a fresh world and rendered.
    public func goalFrames(of task: ManipulationTask, in lab: Lab) -> [RGBImage] {
        task.goals.map { frame(World(lab: lab, arrangement: $0)) }
    }
}
