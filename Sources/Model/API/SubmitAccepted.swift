import Foundation

/// The answer (202) to the submission of a new URL: `{"sample_id", "status"}`.
public struct SubmitAccepted: Codable, Sendable {
    /// The new sample's id.
    public var sampleID: UUID
    /// Its status (`pending`).
    public var status: SampleStatus

    /// Creates an answer.
    public init(sampleID: UUID, status: SampleStatus) {
        self.sampleID = sampleID
        self.status = status
    }

    enum CodingKeys: String, CodingKey {
        case status
        case sampleID = "sample_id"
    }
}
