/// Everything the data files record about the world beyond the state: joints and object poses.
public struct Observables: Hashable, Sendable {
    /// 7 arm joint angles (rad) and the 2 finger openings (m).
    public var joints: [Double]
    /// Pose of each `SceneObject` in `SceneObject.allCases` order.
    public var objects: [Pose]

    /// Each object as 7 numbers: position and quaternion (w, x, y, z).
    public var objectVectors: [[Double]] {
        objects.map { pose in
            let q = pose.rotation.quaternion
            return [pose.position.x, pose.position.y, pose.position.z, q[0], q[1], q[2], q[3]]
        }
    }
}
