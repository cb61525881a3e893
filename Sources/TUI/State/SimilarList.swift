import Foundation
import Model

/// The list showing a sample's neighbours instead of the library (`m`): which sample, by
/// which aspect (Tab steps through them), and how similar each row is (the similarity column).
/// The list's tempo and key filters still narrow the neighbours.
public struct SimilarList: Sendable, Equatable {
    /// The sample whose neighbours are listed.
    public var sampleID: UUID
    /// Its title, for the header.
    public var title: String
    /// What is compared.
    public var aspect: SimilarityAspect
    /// Each row's similarity (0–1), by sample.
    public var similarities: [UUID: Double] = [:]

    /// How many neighbours the list asks for.
    public static let limit = 50

    /// The search for the neighbours with the list's tempo and key filters, the dialog's and
    /// those typed in the search line (`bpm:90-110 key:Am`); the search's words do not apply.
    func query(filters: SampleQuery) -> SimilarityQuery {
        var merged = filters
        if let typed = filters.searchSyntax?.filters {
            merged.bpmMin = merged.bpmMin ?? typed.bpmMin
            merged.bpmMax = merged.bpmMax ?? typed.bpmMax
            merged.bpmHalfDouble = merged.bpmHalfDouble ?? typed.bpmHalfDouble
            merged.key = merged.key ?? typed.key
            merged.compatibleWith = merged.compatibleWith ?? typed.compatibleWith
            merged.scale = merged.scale ?? typed.scale
        }
        merged.search = nil
        return SimilarityQuery(aspect: aspect, limit: Self.limit, filters: merged)
    }
}
