import Foundation

/// A value guarded by a lock, for the few places that share mutable state across threads. A
/// class, so escaping closures and `Sendable` types can hold it (the standard library's `Mutex`
/// is a non-copyable value and cannot be captured by them).
public final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    /// A lock around `value`.
    public init(_ value: Value) { self.value = value }

    /// Runs `body` with the value, holding the lock.
    public func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
