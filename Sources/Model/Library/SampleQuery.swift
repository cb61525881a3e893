/// A search of the library: full text, filters, order and page.
public struct SampleQuery: Codable, Sendable, Hashable {
    /// Words to find in title, description and creator, and field filters beside them
    /// (`SearchSyntax`: `bpm:90-110 key:Am kick`). A word matches a whole word, a prefix (`kic`
    /// finds "kick"), a part of a word (`ells` finds "bells") or a word one typo away (`hose`
    /// finds "house"), ranked in that order.
    public var search: String?
    /// The lowest tempo, inclusive.
    public var bpmMin: Double?
    /// The highest tempo, inclusive.
    public var bpmMax: Double?
    /// Also match the tempo range at half and double time (a 90–110 range also finds 45–55 and
    /// 180–220: the same groove, counted the other way). Nil or false: the range only.
    public var bpmHalfDouble: Bool?
    /// Only samples in this key.
    public var key: MusicalKey?
    /// Only samples whose key mixes with this one on the Camelot wheel (same, ±1, relative).
    public var compatibleWith: MusicalKey?
    /// Only samples in a key of this scale (any tonic).
    public var scale: Scale?
    /// Only samples with this status; `processing` takes every sample on its way, `pending` too
    /// (the app calls them "working").
    public var status: SampleStatus?
    /// Only the samples the user asking has starred (true) or has not (false); nil: either.
    /// A list with it needs a user (a server's signed-in user, the local library's local user).
    public var starred: Bool?
    /// The order; nil means by relevance when searching, else newest first.
    public var sort: SampleSort?
    /// The order backwards (samples without the sorted value stay last). Nil or false: as `sort` says.
    public var reverse: Bool?
    /// Whether the page carries the count of every match (nil or true). False: the page comes
    /// without counting them, sooner on a large library (`SampleTokClient.count` counts them
    /// apart); its `total` is then exact when the page is not full, and otherwise the rows up to
    /// the page's end plus one (more may follow).
    public var counted: Bool?
    /// The page, from 1.
    public var page: Int
    /// Items per page (1–200).
    public var limit: Int

    /// Creates a query; by default the newest 50.
    public init(search: String? = nil, bpmMin: Double? = nil, bpmMax: Double? = nil, key: MusicalKey? = nil,
                compatibleWith: MusicalKey? = nil, scale: Scale? = nil, status: SampleStatus? = nil,
                sort: SampleSort? = nil, page: Int = 1, limit: Int = 50, bpmHalfDouble: Bool? = nil, reverse: Bool? = nil, starred: Bool? = nil,
                counted: Bool? = nil) {
        self.counted = counted
        self.starred = starred
        self.reverse = reverse
        self.bpmHalfDouble = bpmHalfDouble
        self.search = search
        self.bpmMin = bpmMin
        self.bpmMax = bpmMax
        self.key = key
        self.compatibleWith = compatibleWith
        self.scale = scale
        self.status = status
        self.sort = sort
        self.page = max(1, page)
        self.limit = min(200, max(1, limit))
    }

    /// The Camelot codes a sample's key must have to match, or nil for any key.
    public var camelotCodes: [String]? {
        var codes: Set<String>?
        if let key { codes = [key.camelot] }
        if let compatibleWith {
            let compatible = Set(compatibleWith.compatibleKeys.map(\.camelot))
            codes = codes.map { $0.intersection(compatible) } ?? compatible
        }
        if let scale {
            let letter = scale == .minor ? "A" : "B"
            let ofScale = Set((1...12).map { "\($0)\(letter)" })
            codes = codes.map { $0.intersection(ofScale) } ?? ofScale
        }
        return codes.map { $0.sorted() }
    }

    enum CodingKeys: String, CodingKey {
        case search = "q"
        case bpmMin = "bpm_min"
        case bpmMax = "bpm_max"
        case bpmHalfDouble = "bpm_half_double"
        case key
        case compatibleWith = "compatible_with"
        case counted = "count"
        case scale, status, starred, sort, reverse, page, limit
    }
}
