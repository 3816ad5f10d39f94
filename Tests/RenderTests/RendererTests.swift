import Foundation
import Testing
import Render
import Sim

@Suite struct RendererTests {
    @Test func sameSceneGivesBitIdenticalPixels() {
        let first = Renderer().render(TestScenes.home, lab: TestScenes.lab, width: 64, height: 64)
        let reused = Renderer(supersampling: 2)
        _ = reused.render(TestScenes.holdingCup, lab: TestScenes.eveningLab, width: 100, height: 30)
        let again = Renderer().render(TestScenes.home, lab: TestScenes.lab, width: 64, height: 64)
        #expect(TestScenes.differingPixels(first, again) == 0)
        let a = reused.render(TestScenes.home, lab: TestScenes.lab, width: 64, height: 64)
        let b = Renderer(supersampling: 2).render(TestScenes.home, lab: TestScenes.lab, width: 64, height: 64)
        #expect(TestScenes.differingPixels(a, b) == 0)
    }

    @Test func objectMovedLeftMovesLeftInTheImage() throws {
        let lab = TestScenes.primaryLab
        let right = Self.cameraRight(lab.camera)
        var scene = ReferenceScene()
        let before = Renderer().render(scene.bodies, lab: lab, width: 128, height: 128)
        scene.boxPose.position -= 0.15 * right
        scene.cupPose.position += 0.1 * right
        let after = Renderer().render(scene.bodies, lab: lab, width: 128, height: 128)
        let boxBefore = TestScenes.centroid(before, where: TestScenes.isBlue)
        let boxAfter = TestScenes.centroid(after, where: TestScenes.isBlue)
        let cupBefore = TestScenes.centroid(before, where: TestScenes.isRed)
        let cupAfter = TestScenes.centroid(after, where: TestScenes.isRed)
        #expect(boxBefore.count > 20 && boxAfter.count > 20 && cupBefore.count > 20 && cupAfter.count > 20)
        #expect(boxAfter.x < boxBefore.x - 8, "box centroid moved from \(boxBefore.x) to \(boxAfter.x)")
        #expect(cupAfter.x > cupBefore.x + 5, "cup centroid moved from \(cupBefore.x) to \(cupAfter.x)")
    }

    @Test func shadowFollowsTheLightAndTheObject() {
        var lab = TestScenes.primaryLab
        let box = VisualBody(shape: .box(size: [0.08, 0.08, 0.08]), pose: Pose(position: [0.35, 0, 0.2]), part: .box)
        func shadow(light: SIMD3<Double>, box: VisualBody) -> (x: Double, y: Double, count: Int) {
            lab.light.direction = light
            let on = Renderer().render(TestScenes.table + [box], lab: lab, width: 96, height: 96)
            let off = Renderer(shadows: false).render(TestScenes.table + [box], lab: lab, width: 96, height: 96)
            var mask = RGBImage(width: 96, height: 96)
            for y in 0..<96 { for x in 0..<96 where on[x, y] != off[x, y] { mask[x, y] = (255, 255, 255) } }
            return TestScenes.centroid(mask) { r, _, _ in r == 255 }
        }
        let fromRight = shadow(light: [1, 0, 1], box: box)
        let fromLeft = shadow(light: [-1, 0, 1], box: box)
        #expect(fromRight.count > 30 && fromLeft.count > 30)
        // Light from +x (the image's right) throws the shadow to the left, and the other way round.
        #expect(fromRight.x < fromLeft.x - 10, "shadow centroids: light from +x \(fromRight.x), from −x \(fromLeft.x)")
        var moved = box
        moved.pose.position.x -= 0.15
        let movedShadow = shadow(light: [1, 0, 1], box: moved)
        #expect(movedShadow.count > 30 && movedShadow.x < fromRight.x - 5)
    }

    @Test func nearerBoxHidesFartherBoxWhateverTheOrder() {
        var lab = TestScenes.primaryLab
        lab.distractors = [Lab.Distractor(kind: .box, position: .zero, size: 0.1, colour: .init(0, 1, 0))]
        let target = lab.camera.target, forward = Self.cameraForward(lab.camera)
        let near = VisualBody(shape: .box(size: [0.1, 0.1, 0.1]), pose: Pose(position: target - 0.3 * forward), part: .box)
        let far = VisualBody(shape: .box(size: [0.1, 0.1, 0.1]), pose: Pose(position: target + 0.3 * forward),
                             part: .distractor(0))
        let renderer = Renderer()
        let farOnly = renderer.render(TestScenes.table + [far], lab: lab, width: 64, height: 64)
        #expect(TestScenes.centroid(farOnly, where: TestScenes.isGreen).count > 10)
        let nearFirst = renderer.render(TestScenes.table + [near, far], lab: lab, width: 64, height: 64)
        let farFirst = renderer.render([far, near] + TestScenes.table, lab: lab, width: 64, height: 64)
        #expect(TestScenes.centroid(nearFirst, where: TestScenes.isGreen).count == 0)
        #expect(TestScenes.centroid(nearFirst, where: TestScenes.isBlue).count > 10)
        #expect(TestScenes.differingPixels(nearFirst, farFirst) == 0)
        let wholeScene = renderer.render(TestScenes.home, lab: lab, width: 64, height: 64)
        let reversed = renderer.render(TestScenes.home.reversed(), lab: lab, width: 64, height: 64)
        #expect(TestScenes.differingPixels(reversed, wholeScene) == 0)
    }

    /// A tessellated sphere filling the view: shared edges must leave no sample uncovered, at any aspect ratio.
    @Test func sharedEdgesLeaveNoCracks() {
        var lab = TestScenes.lab
        lab.background = .init(1, 0, 1)
        lab.camera = .init(position: [0.1, -1.6, 5.2], target: [0, 0, 5], fieldOfView: 30)
        let sphere = VisualBody(shape: .sphere(radius: 1), pose: Pose(position: [0, 0, 5]), part: .cup)
        for (width, height, segments) in [(97, 61, 12), (40, 90, 7), (128, 128, 24)] {
            let image = Renderer(segments: segments).render([sphere], lab: lab, width: width, height: height)
            let background = TestScenes.centroid(image) { r, g, b in r == 255 && g == 0 && b == 255 }
            #expect(background.count == 0, "\(background.count) background pixels at \(width)×\(height), \(segments) segments")
        }
    }

    /// A square seen head-on whose corners fall exactly on sample centres: the top-left rule takes its top and left
    /// edges and leaves its bottom and right ones, and the diagonal the two triangles share is covered.
    @Test func topLeftRuleCoversEachSampleOnce() {
        var lab = TestScenes.lab
        lab.background = .init(1, 0, 1)
        lab.camera = .init(position: [0, 0, 1], target: [0, 0, 0], up: [0, 1, 0], fieldOfView: 90)
        let side = 2 * 0.734375  // 23.5 pixels either side of the centre at focal length 32
        let square = VisualBody(shape: .box(size: [side, side, 0.1]), pose: Pose(position: [0, 0, -0.05]), part: .box)
        let image = Renderer().render([square], lab: lab, width: 64, height: 64)
        var covered = 0, outside = 0
        for y in 0..<64 {
            for x in 0..<64 where image[x, y] != (255, 0, 255) {
                covered += 1
                if !(8...54).contains(x) || !(8...54).contains(y) { outside += 1 }
            }
        }
        #expect(covered == 47 * 47 && outside == 0, "\(covered) samples covered, \(outside) outside columns and rows 8…54")
    }

    /// With the camera just above the table, the table top reaches behind the camera and must be clipped, not lost.
    @Test func geometryBehindTheCameraIsClipped() {
        var lab = TestScenes.lab
        lab.background = .init(1, 0, 1)
        lab.camera = .init(position: [0.3, -0.2, 0.04], target: [0.3, 1, 0], fieldOfView: 60)
        let image = Renderer().render(TestScenes.table, lab: lab, width: 48, height: 48)
        let bottom = (0..<48).map { image[$0, 47] }
        #expect(bottom.allSatisfy { $0.r != 255 || $0.g != 0 }, "the bottom row should show the table top")
        #expect(Set(bottom.map { "\($0)" }).count == 1, "the plain table top should look uniform: \(bottom.prefix(4))")
    }

    @Test func supersamplingSmoothsEdgesOnly() {
        let plain = Renderer().render(TestScenes.home, lab: TestScenes.lab, width: 64, height: 64)
        let smooth = Renderer(supersampling: 2).render(TestScenes.home, lab: TestScenes.lab, width: 64, height: 64)
        #expect(smooth.width == 64 && smooth.height == 64)
        let distinct = { (image: RGBImage) in Set((0..<(64 * 64)).map { "\(image[$0 % 64, $0 / 64])" }).count }
        #expect(distinct(smooth) > distinct(plain))
        let difference = zip(plain.pixels, smooth.pixels).map { abs(Int($0) - Int($1)) }.reduce(0, +)
        #expect(Double(difference) / Double(plain.pixels.count) < 6)
    }

    @Test func meshesStayLowPoly() {
        let triangles = Renderer().triangleCount(TestScenes.home)
        #expect(triangles > 300 && triangles < 2_000, "\(triangles) triangles")
    }

    static func cameraForward(_ camera: Lab.Camera) -> SIMD3<Double> {
        let view = camera.target - camera.position
        return view / (view * view).sum().squareRoot()
    }

    static func cameraRight(_ camera: Lab.Camera) -> SIMD3<Double> {
        let f = cameraForward(camera), u = camera.up
        let r = SIMD3<Double>(f.y * u.z - f.z * u.y, f.z * u.x - f.x * u.z, f.x * u.y - f.y * u.x)
        return r / (r * r).sum().squareRoot()
    }
}
