/// Spaces the checks of one LALAL.AI account: at most one every `interval` seconds (2 s: the
/// API allows 30 checks a minute), and none before a `Retry-After` the service sent has passed.
/// Every stem job of the process shares one gate per account (`shared`).
actor LALALCheckGate {
    /// The gate of the process's LALAL.AI account.
    static let shared = LALALCheckGate()

    /// The least time between two checks, in seconds.
    let interval: Double
    private var nextSlot: Double?
    private var notBefore: Double = 0

    init(interval: Double = 2) {
        self.interval = interval
    }

    /// Waits for the next free slot on `clock` and takes it.
    func enter(_ clock: any StemClock) async throws {
        let now = clock.now()
        let slot = max(now, nextSlot ?? now, notBefore)
        nextSlot = slot + interval
        try await clock.sleep(seconds: slot - now)
    }

    /// No check before `seconds` from now (a 429's `Retry-After`).
    func hold(for seconds: Double, _ clock: any StemClock) {
        notBefore = max(notBefore, clock.now() + seconds)
    }
}
