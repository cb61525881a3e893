import Model

/// Time for the LALAL.AI client: what time it is and how to wait, so tests can run a
/// ten-minute timeout and the check backoff without waiting.
protocol StemClock: Sendable {
    /// Seconds since some fixed start.
    func now() -> Double
    /// Waits `seconds`.
    func sleep(seconds: Double) async throws
}

/// The real clock.
struct SystemStemClock: StemClock {
    /// One time base for the whole process, so every clock agrees (the check gate is shared).
    private static let start = ContinuousClock.now

    func now() -> Double {
        (ContinuousClock.now - Self.start).seconds
    }

    func sleep(seconds: Double) async throws {
        guard seconds > 0 else { return }
        try await Task.sleep(for: .milliseconds(Int((seconds * 1000).rounded(.up))))
    }
}
