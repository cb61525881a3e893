/// A search text split into its plain words and its field filters: `bpm:90-110 key:Am
/// camelot:8A status:failed trap bells`. The one parser of the search syntax: the engine applies
/// it to `SampleQuery.search`, so the app, `sampletok list --search` and the API's `q` agree.
///
/// Fields (name and value joined by `:`, names case-insensitive):
/// - `bpm:120` (±2), `bpm:90-110`, `bpm:>100`, `bpm:<90` (inclusive); `bpm:~90-110` also
///   matches half and double time (45–55 and 180–220).
/// - `key:Am` (also `A#m`, `Bb`, `A-minor`, `8A`: one token) or `camelot:8A`: that key only.
/// - `mix:8A` (also `compatible:`): the keys that mix with it on the Camelot wheel.
/// - `scale:minor` or `scale:major`.
/// - `status:failed` (`pending`, `processing`, `completed`, `failed`; `ready` and `working` too).
/// - `starred:yes` (also `true`, `1`): only the samples the user starred; `starred:no` the others.
///
/// Bare tokens, as producers type them, are fields too (without them they would be words no title holds):
/// - `124`: a tempo of 50–220 BPM, ±3 (other numbers, `808` or `take 299`, stay words); `120-128`: a tempo range.
/// - `Am`, `F#m`, `Bb`, `Ebmaj`: a key, written with its capital letter and a sharp, a flat or
///   a mode (`m`, `min`, `maj`); a bare `C` stays a word (`key:C` is C major).
/// - `8A`, `12b`: a Camelot code, that key.
/// So `dark 140 Fm` is the word `dark`, 137–143 BPM, F minor.
///
/// A token whose field is known but whose value does not parse (`bpm:9x`, or `key:` while it is
/// being typed) filters nothing and is listed in `ignored`; a token with an unknown field name
/// (`feat:drake`) is plain words, as before field syntax existed.
public struct SearchSyntax: Sendable, Hashable {
    /// The plain words, joined by spaces, or nil when there are none.
    public var text: String?
    /// The filters the fields ask for (on a query with no search of its own).
    public var filters: SampleQuery
    /// The field tokens that filter nothing (their value does not parse).
    public var ignored: [String]

    /// Parses `search`.
    public init(parsing search: String) {
        var words: [Substring] = []
        var filters = SampleQuery()
        var ignored: [String] = []
        for token in search.split(whereSeparator: \.isWhitespace) {
            guard let colon = token.firstIndex(of: ":"),
                  let field = Field(rawValue: token[..<colon].lowercased()) else {
                if !Self.applyBare(String(token), to: &filters) { words.append(token) }
                continue
            }
            let value = String(token[token.index(after: colon)...])
            if !Self.apply(field, value, to: &filters) { ignored.append(String(token)) }
        }
        text = words.isEmpty ? nil : words.joined(separator: " ")
        self.filters = filters
        self.ignored = ignored
    }

    /// The field names the syntax knows.
    public enum Field: String, CaseIterable, Sendable {
        case bpm, key, camelot, mix, compatible, scale, status, starred
    }

    /// The tempo range of a bare number, `124` → 121–127.
    public static let bareTempoTolerance = 3.0

    /// Sets the filter a bare token stands for (`124`, `120-128`, `Am`, `Bb`, `8A`); false when it is a word.
    private static func applyBare(_ token: String, to query: inout SampleQuery) -> Bool {
        func tempo(_ text: Substring) -> Double? {
            guard (2...3).contains(text.count), TokenShape.isDigits(text), let value = Double(text), (50...220).contains(value) else { return nil }
            return value
        }
        let parts = token.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 1, let bpm = tempo(parts[0]) {
            query.bpmMin = bpm - bareTempoTolerance
            query.bpmMax = bpm + bareTempoTolerance
            return true
        }
        if parts.count == 2, let low = tempo(parts[0]), let high = tempo(parts[1]) {
            query.bpmMin = min(low, high)
            query.bpmMax = max(low, high)
            return true
        }
        guard TokenShape.isKey(token) || TokenShape.isCamelot(token), let key = MusicalKey(parsing: token) else { return false }
        query.key = key
        return true
    }

    /// Sets the filter of one field; false when the value does not parse.
    private static func apply(_ field: Field, _ value: String, to query: inout SampleQuery) -> Bool {
        switch field {
        case .bpm:
            guard let range = tempoRange(value) else { return false }
            query.bpmMin = range.low
            query.bpmMax = range.high
            if range.octaves { query.bpmHalfDouble = true }
        case .key, .camelot:
            guard let key = MusicalKey(parsing: value) else { return false }
            query.key = key
        case .mix, .compatible:
            guard let key = MusicalKey(parsing: value) else { return false }
            query.compatibleWith = key
        case .scale:
            guard let scale = Scale(rawValue: value.lowercased()) else { return false }
            query.scale = scale
        case .status:
            guard let status = status(value) else { return false }
            query.status = status
        case .starred:
            switch value.lowercased() {
            case "yes", "true", "1", "y": query.starred = true
            case "no", "false", "0", "n": query.starred = false
            default: return false
            }
        }
        return true
    }

    /// `120` (±2), `90-110`, `>100`, `>=100`, `<90`, `<=90`, each after an optional `~` (half and
    /// double time too).
    static func tempoRange(_ text: String) -> (low: Double?, high: Double?, octaves: Bool)? {
        var value = Substring(text)
        let octaves = value.hasPrefix("~")
        if octaves { value = value.dropFirst() }
        func number(_ text: Substring) -> Double? {
            guard TokenShape.isDecimal(text), let number = Double(text), number <= 1000 else { return nil }
            return number
        }
        if value.hasPrefix(">") || value.hasPrefix("<") {
            let above = value.hasPrefix(">")
            value = value.dropFirst()
            if value.hasPrefix("=") { value = value.dropFirst() }
            guard let bound = number(value) else { return nil }
            return above ? (bound, nil, octaves) : (nil, bound, octaves)
        }
        let parts = value.split(separator: "-", omittingEmptySubsequences: false)
        switch parts.count {
        case 1:
            guard let tempo = number(parts[0]) else { return nil }
            return (max(0, tempo - 2), tempo + 2, octaves)
        case 2:
            guard let low = number(parts[0]), let high = number(parts[1]) else { return nil }
            return (min(low, high), max(low, high), octaves)
        default:
            return nil
        }
    }

    /// A status by its name, or by the words the app shows (`ready`, `working`).
    public static func status(_ text: String) -> SampleStatus? {
        switch text.lowercased() {
        case "ready", "done": return .completed
        case "working", "running": return .processing
        case let name: return SampleStatus(rawValue: name)
        }
    }
}

extension SampleQuery {
    /// The search text parsed (`SearchSyntax`), or nil without a search.
    public var searchSyntax: SearchSyntax? {
        search.map(SearchSyntax.init(parsing:))
    }
}
