import Model

/// Fields typed in the search line beside the plain words: `bpm:90-110` (`bpm:96`, `bpm:90-`,
/// `bpm:-110`), `key:Am`, `camelot:8A`, `status:ready|working|failed`. They narrow the list like
/// the filters dialog does, over its filters, for as long as they are in the search.
enum SearchFields {
    /// The query the list asks for: `query` with its search split into plain words and fields;
    /// a field that cannot be read is left out and named in `problems`.
    static func apply(to query: SampleQuery) -> (query: SampleQuery, problems: [String]) {
        guard let search = query.search else { return (query, []) }
        var out = query
        var words: [String] = []
        var problems: [String] = []
        for token in search.split(separator: " ").map(String.init) {
            guard let colon = token.firstIndex(of: ":"), colon != token.startIndex else { words.append(token); continue }
            let name = token[..<colon].lowercased()
            let value = String(token[token.index(after: colon)...])
            switch name {
            case "bpm":
                guard let (low, high) = tempoRange(value) else {
                    problems.append("\(token): a tempo is bpm:96, bpm:90-110, bpm:90- or bpm:-110")
                    continue
                }
                out.bpmMin = low
                out.bpmMax = high
            case "key", "camelot":
                guard let key = MusicalKey(parsing: value) else {
                    problems.append("\(token): not a key (try key:Am, key:F#, camelot:8A)")
                    continue
                }
                out.key = key
            case "status":
                guard let status = SampleFormat.statusFilters.first(where: { $0.word == value.lowercased() })?.status else {
                    problems.append("\(token): a status is ready, working or failed")
                    continue
                }
                out.status = status
            default:
                words.append(token)
            }
        }
        out.search = words.isEmpty ? nil : words.joined(separator: " ")
        return (out, problems)
    }

    /// `96` (96–96), `90-110`, `90-` (90 and up), `-110` (up to 110); nil when it is not one.
    private static func tempoRange(_ text: String) -> (Double?, Double?)? {
        func bpm(_ s: Substring) -> Double?? {
            if s.isEmpty { return .some(nil) }
            guard let n = Double(s), n.isFinite, n > 0, n < 1000 else { return nil }
            return .some(n)
        }
        let parts = text.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        if parts.count == 1 {
            guard let exact = bpm(parts[0]), let value = exact else { return nil }
            return (value - 0.5, value + 0.5)
        }
        guard let low = bpm(parts[0]), let high = bpm(parts[1]), low != nil || high != nil else { return nil }
        if let low, let high, low > high { return nil }
        return (low, high)
    }
}
