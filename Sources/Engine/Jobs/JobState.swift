import Foundation

/// What a job's finished steps made: saved as the job's checkpoint after each step, so a retry
/// or a restart resumes at the first step without a result. An unreadable checkpoint is an
/// empty state (the job starts over).
protocol JobState: Codable, Sendable {
    /// The state of a job no step of which has finished.
    init()
}

extension JobState {
    /// The state saved in a job row's `checkpoints`.
    static func decode(_ text: String) -> Self {
        (try? JSONDecoder().decode(Self.self, from: Data(text.utf8))) ?? Self()
    }

    /// The state as the job row keeps it.
    func encoded() -> String {
        (try? JSONEncoder().encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
