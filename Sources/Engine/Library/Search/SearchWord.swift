/// One word of a search, with the index's words it also matches by part or by typo.
struct SearchWord: Hashable, Sendable {
    /// How a search word matches an indexed word, best first: the order of relevance.
    enum Level: Int, Comparable, CaseIterable, Sendable {
        case exact, prefix, substring, typo
        static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    /// The word, lower case.
    let text: String
    /// The indexed words it matches by part or by typo.
    let expansion: SearchVocabulary.Expansion

    /// The indexed words (beyond the word itself and its prefixes) a match up to `level` takes.
    func terms(upTo level: Level) -> [String] {
        (level >= .substring ? expansion.substrings : []) + (level >= .typo ? expansion.typos : [])
    }
}
