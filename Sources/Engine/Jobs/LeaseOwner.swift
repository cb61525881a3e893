import Foundation

/// Who holds a job's lease: `host:pid:nonce`. A lease whose process is gone on this host can be
/// taken over at once instead of waiting for it to expire.
struct LeaseOwner: Sendable, Hashable, CustomStringConvertible {
    let host: String
    let pid: Int32
    let nonce: String

    /// This process.
    static let current = LeaseOwner(host: ProcessInfo.processInfo.hostName, pid: getpid(),
                                    nonce: String(UUID().uuidString.prefix(8)))

    var description: String { "\(host):\(pid):\(nonce)" }

    init(host: String, pid: Int32, nonce: String) {
        self.host = host
        self.pid = pid
        self.nonce = nonce
    }

    init?(_ text: String) {
        let parts = text.split(separator: ":").map(String.init)
        guard parts.count >= 3, let pid = Int32(parts[parts.count - 2]) else { return nil }
        self.init(host: parts.dropLast(2).joined(separator: ":"), pid: pid, nonce: parts[parts.count - 1])
    }

    /// Whether this owner is a process on this host that no longer runs.
    var isDeadProcessOnThisHost: Bool {
        guard host == LeaseOwner.current.host, self != LeaseOwner.current else { return false }
        if pid == LeaseOwner.current.pid { return true }  // an earlier incarnation with the same pid
        return ProcessLiveness.isGone(pid)
    }
}
