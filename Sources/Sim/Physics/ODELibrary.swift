import CODE
import Foundation

/// One-time, thread-safe initialisation of the ODE library, the lock around its solver, and what happens when ODE
/// itself fails.
///
/// A state that turns non-finite inside ODE's solver (an exploding contact, a NaN force) trips one of ODE's internal
/// assertions before `World` can check the state and throw `SimError.blowUp`; ODE would then abort with a bare
/// message. Its error and debug handlers are replaced so that the process instead exits with status 70 and a
/// message naming the physics step. Everything written so far stays intact (every file is written atomically) and a
/// rerun resumes.
enum ODELibrary {
    private static let once: Void = {
        dInitODE2(0)
        jepalab_install_ode_failure_handlers()
    }()
    static let solverLock = NSLock()
    /// The physics step (1-based, of the world that last entered the solver) now in ODE's solver or last through it.
    nonisolated(unsafe) static var stepInSolver = 0
    /// The exit status after a failure inside ODE (`EX_SOFTWARE`).
    static let failureStatus: Int32 = 70

    static func initialize() {
        _ = once
        dAllocateODEDataForThread(UInt32(truncatingIfNeeded: dAllocateMaskAll.rawValue))
    }

    /// The line printed when ODE fails with error `number` and `message` in physics step `step`.
    static func failureMessage(number: Int32, message: String, step: Int) -> String {
        "error: physics blew up inside ODE at physics step \(step) (ODE error \(number): \(message)); a body's state "
            + "became non-finite. Files written so far are intact; rerun the command to resume."
    }
}

/// ODE's error and debug handler (installed through the C shim, which formats the message).
@_cdecl("jepalab_ode_failed")
func odeFailed(_ number: Int32, _ message: UnsafePointer<CChar>) {
    let line = ODELibrary.failureMessage(number: number, message: String(cString: message), step: ODELibrary.stepInSolver)
    FileHandle.standardError.write(Data((line + "\n").utf8))
    exit(ODELibrary.failureStatus)
}
