import Foundation
import Model

/// The list: the query and its pages as they arrive, the cursor, the first row shown and the
/// search line. Its rows are the samples and, under an expanded sample, its finished stems
/// (`AppState+Rows.swift` walks them, as that needs the stems).
public struct ListState: Sendable {
    /// Samples per page requested.
    public static let pageSize = 100

    /// The search, filters and sort of the list (its page and limit are unused).
    public var query = SampleQuery()
    /// Set while the list shows a sample's neighbours (`m`) instead of the library; the
    /// query's tempo and key filters still apply.
    public var similar: SimilarList?
    /// The number of the current query; answers for older ones are dropped.
    public var generation = 0
    /// Loaded pages of the current query (or the last one, while `isStale`), by index from 0.
    public var pages: [Int: [Sample]] = [:]
    /// Pages asked for in this generation.
    public var requested: Set<Int> = []
    /// Pages that arrived in this generation.
    public var arrived: Set<Int> = []
    /// Whether `pages` and `total` still belong to the previous query (kept so the list stays on
    /// screen while the new answer is on its way).
    public var isStale = false
    /// How many samples match, once known; while `totalIsLowerBound`, the rows known so far.
    public var total: Int?
    /// Whether `total` is, for now, only the rows known: pages are asked for without counting
    /// every match (a full page says there is at least one more row), and the count follows.
    public var totalIsLowerBound = false
    /// The generation whose count `total` holds (from a page that was not full, or the count).
    private var countedGeneration: Int?
    /// The generation whose count was asked for.
    private var countAsked: Int?
    /// The index of the row under the cursor.
    public var cursor = 0
    /// The index of the first row shown.
    public var scroll = 0
    /// The stem row under the cursor: an index into the stems shown under the sample at `cursor`;
    /// nil on the sample's row.
    public var stemCursor: Int?
    /// The first row shown is this stem row of the sample at `scroll`; nil when it is the sample's row.
    public var scrollStem: Int?
    /// Whether keys go to the search line.
    public var isTyping = false
    /// The selection a reload keeps: the sample (and stem row) under the cursor before it, found
    /// again in the new rows (else the row nearest to where it was). Nil once placed.
    public var anchor: SelectionAnchor?

    /// How many rows the list has now.
    public var rowCount: Int { total ?? 0 }

    /// The sample at a row, when its page is loaded.
    public func sample(at index: Int) -> Sample? {
        guard index >= 0, let page = pages[index / Self.pageSize] else { return nil }
        let offset = index % Self.pageSize
        return page.indices.contains(offset) ? page[offset] : nil
    }

    /// Starts a new query, anchored on `selected` (the sample under the cursor) when rows are
    /// shown: the old rows stay until the first page answers, unless the reload is `quiet`.
    mutating func newGeneration(quiet: Bool, selected: UUID?) {
        if anchor == nil, total != nil {
            anchor = SelectionAnchor(sampleID: selected, stem: stemCursor, row: cursor)
        }
        generation += 1
        requested = []
        arrived = []
        if !quiet { isStale = true }
        if pages.isEmpty && total == nil { isStale = false }
    }

    /// A page arrived; false when it answers an older query (and is dropped).
    mutating func pageLoaded(generation: Int, index: Int, page: ResultPage<Sample>) -> Bool {
        guard generation == self.generation else { return false }
        // The rows and total on screen were the previous query's.
        let fresh = isStale
        if isStale {
            pages = [:]
            isStale = false
        }
        pages[index] = page.items
        arrived.insert(index)
        if page.items.count < page.limit {
            // Not full: its total is the count (`SampleQuery.counted`).
            countLoaded(generation: generation, total: page.total)
        } else if countedGeneration != generation {
            // Full, without the count: the rows known so far until it comes (a quiet reload
            // keeps the count it had, the same query's a moment ago, if larger).
            total = fresh || total == nil ? page.total : max(total ?? 0, page.total)
            totalIsLowerBound = totalIsLowerBound || total == page.total
        }
        return true
    }

    /// The count of every match arrived; false when it answers an older query (and is dropped).
    @discardableResult
    mutating func countLoaded(generation: Int, total: Int) -> Bool {
        guard generation == self.generation else { return false }
        self.total = total
        totalIsLowerBound = false
        countedGeneration = generation
        return true
    }

    /// A page failed; false when it answers an older query (and is dropped).
    mutating func pageFailed(generation: Int) -> Bool {
        guard generation == self.generation else { return false }
        anchor = nil
        if isStale { isStale = false; pages = [:]; total = nil; totalIsLowerBound = false }
        return true
    }

    /// Moves the cursor to the anchored sample once it is among the rows that arrived, or,
    /// once the page of the row it was on arrived without it, to the row nearest to that one.
    /// False while neither has arrived (the anchor stays).
    mutating func placeAnchor() -> Bool {
        guard let anchor else { return false }
        if let id = anchor.sampleID, let index = arrivedIndex(of: id) {
            cursor = index
            stemCursor = anchor.stem
        } else if rowCount == 0 || arrived.contains(min(anchor.row, rowCount - 1) / Self.pageSize) {
            cursor = rowCount == 0 ? 0 : min(anchor.row, rowCount - 1)
            stemCursor = nil
        } else {
            return false
        }
        self.anchor = nil
        return true
    }

    /// The row of a sample among the pages that arrived for the current query.
    private func arrivedIndex(of id: UUID) -> Int? {
        for index in arrived.sorted() {
            if let offset = pages[index]?.firstIndex(where: { $0.id == id }) { return index * Self.pageSize + offset }
        }
        return nil
    }

    /// Loads the pages not asked for yet of the `visibleRows` rows shown, the rows near them,
    /// and the cursor's.
    mutating func pageEffects(visibleRows: Int) -> [Effect] {
        // The pages on screen, and the next (or previous) one when the view is near its edge,
        // so scrolling rarely meets rows still loading.
        let margin = 50
        // Until a page of this query arrives, `total` is the previous query's.
        let known = arrived.isEmpty ? nil : total
        // While a reload looks for its anchor, the view is where the cursor will land: on the
        // anchor's row (a new search starts at its first row).
        var row = anchor?.row ?? cursor
        if let known { row = min(row, max(0, known - 1)) }
        let top = max(0, row - max(0, cursor - scroll))
        let first = max(0, top - margin) / Self.pageSize
        let last = max(first, (top + visibleRows + margin) / Self.pageSize)
        var wanted = Array(first...last)
        if !wanted.contains(row / Self.pageSize) { wanted.append(row / Self.pageSize) }
        var effects: [Effect] = []
        if let similar {
            // The neighbours come in one answer: page 0 holds them all.
            guard !requested.contains(0) else { return [] }
            requested.insert(0)
            return [.loadSimilar(similar.sampleID, similar.query(filters: query), generation: generation)]
        }
        let asked = query
        for index in wanted where !requested.contains(index) {
            if index > 0, let known, index * Self.pageSize >= known { continue }
            requested.insert(index)
            var page = asked
            page.page = index + 1
            page.limit = Self.pageSize
            // The rows first: counting every match of a broad search costs as much as its page.
            page.counted = false
            effects.append(.loadPage(page, generation: generation))
        }
        if !arrived.isEmpty, countedGeneration != generation, countAsked != generation {
            countAsked = generation
            effects.append(.loadCount(asked, generation: generation))
        }
        return effects
    }

    /// Marks a sample of the rows loaded as being in `status` (the list follows its job live,
    /// between two loads).
    mutating func setStatus(_ status: SampleStatus, of id: UUID) {
        for (index, page) in pages {
            guard let offset = page.firstIndex(where: { $0.id == id }), page[offset].status != status,
                  page[offset].status != .completed else { continue }
            pages[index]?[offset].status = status
        }
    }

    /// A sample of the rows loaded was exported once more (its count shows it before the next load).
    mutating func countDownload(of id: UUID) {
        for (index, page) in pages {
            guard let offset = page.firstIndex(where: { $0.id == id }) else { continue }
            pages[index]?[offset].downloadCount += 1
        }
    }

    /// The filters of the filters dialog, in place of the query's.
    mutating func apply(_ filters: Dialog.Filters) {
        query.bpmMin = filters.bpmMin
        query.bpmMax = filters.bpmMax
        query.key = filters.key
        query.compatibleWith = filters.compatibleWith
        query.status = filters.status
    }

    /// The next sort in `SampleSort.allCases` order after the one shown.
    mutating func cycleSort() {
        let all = SampleSort.allCases
        // No sort means newest first, or relevance while searching (which no step names).
        let shown = query.sort ?? (query.search == nil ? .newest : nil)
        let current = shown.flatMap { all.firstIndex(of: $0) } ?? -1
        query.sort = all[(current + 1) % all.count]
    }
}
