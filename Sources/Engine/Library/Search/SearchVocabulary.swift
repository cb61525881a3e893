import Foundation
import Model

/// The words of the search index that hold a letter (numbers are left out), for the matches the
/// index cannot find by itself: a part of a word (`ells` in "bells") and a word with a typo
/// (`hose` for "house"). Both engines read their index's own words (`SQLDialect.searchTerms`),
/// so a search word expands to the same words on both.
///
/// A word's expansion is kept once worked out (words come back: the next key of a search, the
/// same search again), for as long as the vocabulary is (one change stamp), at most 2,000 words.
final class SearchVocabulary: Sendable {
    /// The words, folded (lower case, no diacritics), as Unicode scalars.
    let terms: [[Unicode.Scalar]]
    private let known = Locked([String: Expansion]())

    init(_ words: [String]) {
        terms = Set(words.map(Self.fold)).sorted().map { Array($0.unicodeScalars) }
    }

    /// The most words one search word expands to, for each of parts and typos: the closest first.
    static let limit = 50

    /// A search word's words by kind of match (the index finds whole words and prefixes itself).
    struct Expansion: Hashable, Sendable {
        /// Words that hold the search word inside (not at the start): from 3 characters.
        var substrings: [String] = []
        /// Words one typo away (two from 8 characters; a typo may also be in a prefix, so `tecn`
        /// finds "techno"): from 4 characters.
        var typos: [String] = []
    }

    /// The search word folded as the index folds its words.
    static func fold(_ word: String) -> String {
        word.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
    }

    /// The words `word` matches by part or by typo (none for a word of digits only).
    func expansion(of word: String) -> Expansion {
        if let expansion = known.withLock({ $0[word] }) { return expansion }
        let expansion = expand(word)
        known.withLock { known in
            if known.count >= 2000 { known.removeAll(keepingCapacity: true) }
            known[word] = expansion
        }
        return expansion
    }

    private func expand(_ word: String) -> Expansion {
        let folded = Array(Self.fold(word).unicodeScalars)
        guard folded.count >= 3, folded.contains(where: { $0.properties.isAlphabetic }) else { return Expansion() }
        let typos = folded.count >= 8 ? 2 : folded.count >= 4 ? 1 : 0
        var substrings: [String] = []
        var fuzzy: [(distance: Int, term: String)] = []
        for term in terms {
            if term.starts(with: folded) { continue }
            if Self.contains(term, folded) {
                substrings.append(String(String.UnicodeScalarView(term)))
            } else if typos > 0, term.count >= folded.count - typos,
                      let distance = Self.prefixDistance(folded, term, limit: typos) {
                fuzzy.append((distance, String(String.UnicodeScalarView(term))))
            }
        }
        let closest = fuzzy.sorted { ($0.distance, $0.term) < ($1.distance, $1.term) }
        return Expansion(substrings: Array(substrings.prefix(Self.limit)), typos: closest.prefix(Self.limit).map(\.term))
    }

    /// Whether `term` holds `part`.
    static func contains(_ term: [Unicode.Scalar], _ part: [Unicode.Scalar]) -> Bool {
        guard term.count >= part.count else { return false }
        for start in 0...(term.count - part.count) where term[start] == part[0] {
            if term[start..<(start + part.count)].elementsEqual(part) { return true }
        }
        return false
    }

    /// The fewest edits (insert, delete, replace, swap two neighbours) that turn `word` into
    /// `term` or into a prefix of it, or nil when more than `limit`.
    static func prefixDistance(_ word: [Unicode.Scalar], _ term: [Unicode.Scalar], limit: Int) -> Int? {
        let n = term.count
        var before = [Int](repeating: 0, count: n + 1)  // row i-2
        var previous = Array(0...n)                      // row i-1
        var current = [Int](repeating: 0, count: n + 1)
        for i in 1...word.count {
            current[0] = i
            var rowMin = i
            for j in stride(from: 1, through: n, by: 1) {
                let cost = word[i - 1] == term[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, word[i - 1] == term[j - 2], word[i - 2] == term[j - 1] {
                    value = min(value, before[j - 2] + 1)
                }
                current[j] = value
                rowMin = min(rowMin, value)
            }
            if rowMin > limit { return nil }
            (before, previous, current) = (previous, current, before)
        }
        // `previous` is the last row: the distance to each prefix of the term.
        let best = previous.min() ?? Int.max
        return best <= limit ? best : nil
    }
}
