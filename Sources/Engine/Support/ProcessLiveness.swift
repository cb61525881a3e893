import Foundation

/// Whether a process of this host has gone, for taking over what a killed process left:
/// its job leases and its staged blob writes.
enum ProcessLiveness {
    /// True when no process has this id any more.
    static func isGone(_ pid: Int32) -> Bool {
        kill(pid, 0) != 0 && errno == ESRCH
    }
}
