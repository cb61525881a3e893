import Model

/// The top bar: the app, where the library is, how many samples match, the sort, and the
/// active search and filters.
enum HeaderView {
    static func draw(_ state: AppState, into canvas: inout Canvas, rect: Rect) {
        guard !rect.isEmpty else { return }
        canvas.fill(rect, style: .header)
        let g = state.glyphs
        let count: String
        if let total = state.list.total {
            // While the count is on its way: the rows known, and more ("200+ samples").
            count = state.list.totalIsLowerBound ? "\(SampleFormat.count(max(0, total - 1)))+ samples"
                                                 : "\(SampleFormat.count(total)) sample\(total == 1 ? "" : "s")"
        } else {
            count = "loading…"
        }
        var sort = "sort \(sortName(state.list.query))\(state.list.query.reverse == true ? (g.isUnicode ? " ↑" : " rev") : "")"
        if let similar = state.list.similar { sort = "like \(similar.title) by \(similar.aspect.rawValue)" }
        let left = " SampleTok \(g.horizontal) \(state.location) \(g.horizontal) \(count) \(g.horizontal) \(sort) "
        var right: [String] = []
        if state.list.isTyping || state.list.query.search != nil {
            // While typing, the line as typed; after Enter, its words, and its fields as chips.
            let syntax = state.list.query.searchSyntax
            let words = state.list.isTyping ? state.list.query.search ?? "" : syntax?.text ?? ""
            if state.list.isTyping || !words.isEmpty { right.append("/ \(words)\(state.list.isTyping ? "_" : "")") }
            right += chips(syntax, notation: state.settings.notation, glyphs: g)
        }
        right += filterSummary(state.list.query, notation: state.settings.notation)
        let rightText = right.isEmpty ? "" : " " + right.joined(separator: "  ") + " "
        let rightWidth = min(TextFit.width(rightText), max(0, rect.width - min(TextFit.width(left), rect.width / 2)))
        let leftWidth = rect.width - rightWidth
        canvas.field(left, row: rect.row, col: rect.col, width: leftWidth, style: .header)
        if rightWidth > 0 {
            canvas.field(rightText, row: rect.row, col: rect.col + leftWidth, width: rightWidth, style: .accent, alignRight: true)
        }
    }

    /// The filters a search's fields set (`140` → `[bpm 137-143]`, `Fm` → `[key Fm]`), as chips.
    static func chips(_ syntax: SearchSyntax?, notation: KeyNotation, glyphs: Glyphs) -> [String] {
        guard let syntax else { return [] }
        let (open, close) = glyphs.isUnicode ? ("⟨", "⟩") : ("[", "]")
        return filterSummary(syntax.filters, notation: notation).map { open + $0 + close }
    }

    /// The sort's name: the query's, else `newest` (or `relevance` while searching).
    static func sortName(_ query: SampleQuery) -> String {
        query.sort?.rawValue ?? (query.search == nil ? "newest" : "relevance")
    }

    /// The filters as short words: `bpm 90-110`, `key Am`, `mixes 8A`, `failed`.
    static func filterSummary(_ query: SampleQuery, notation: KeyNotation = .auto) -> [String] {
        var parts: [String] = []
        switch (query.bpmMin, query.bpmMax) {
        case let (low?, high?): parts.append("bpm \(SampleFormat.number(low))-\(SampleFormat.number(high))")
        case let (low?, nil): parts.append("bpm >=\(SampleFormat.number(low))")
        case let (nil, high?): parts.append("bpm <=\(SampleFormat.number(high))")
        case (nil, nil): break
        }
        if let key = query.key { parts.append("key \(key.shortName(in: notation))") }
        if let key = query.compatibleWith { parts.append("mixes \(key.shortName(in: notation)) \(key.camelot)") }
        if let status = query.status { parts.append(SampleFormat.status(status)) }
        if let starred = query.starred { parts.append(starred ? "starred" : "not starred") }
        return parts
    }
}
