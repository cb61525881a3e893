import Foundation
import Model

extension AppState {
    /// `m`: lists the samples that sound like the selected one, closest first, in place of the
    /// library (the list as it was is kept for Esc). On a neighbour, `m` lists its neighbours
    /// in turn; Esc still goes back to the library.
    mutating func showSimilar() -> [Effect] {
        guard selectedStem == nil, let sample = selected else { return [] }
        guard sample.status == .completed else {
            show(info: "\(SampleFormat.title(sample)) is \(SampleFormat.status(sample.status)): only a ready sample has neighbours")
            return []
        }
        if savedList == nil { savedList = list }
        let aspect = list.similar?.aspect ?? .all
        list.similar = SimilarList(sampleID: sample.id, title: SampleFormat.title(sample), aspect: aspect)
        list.pages = [:]
        list.total = nil
        list.cursor = 0
        list.scroll = 0
        list.stemCursor = nil
        list.scrollStem = nil
        list.anchor = nil
        show(info: "like \(SampleFormat.title(sample)) by \(aspect.rawValue): tab changes the aspect, esc goes back")
        list.newGeneration(quiet: true, selected: nil)
        return list.pageEffects(visibleRows: layout.visibleRows)
    }

    /// Tab while neighbours are listed: the next aspect (all, timbre, rhythm, tonality…).
    mutating func nextSimilarAspect() -> [Effect] {
        guard var similar = list.similar else { return [] }
        similar.aspect = similar.aspect.next
        similar.similarities = [:]
        list.similar = similar
        show(info: "like \(similar.title) by \(similar.aspect.rawValue)")
        list.cursor = 0
        list.scroll = 0
        list.newGeneration(quiet: false, selected: nil)
        list.anchor = nil
        return list.pageEffects(visibleRows: layout.visibleRows)
    }

    /// Esc while neighbours are listed: the library list again, where it was (cursor, scroll,
    /// search and filters), reloaded quietly in case it changed meanwhile.
    mutating func leaveSimilar() -> [Effect] {
        guard list.similar != nil else { return [] }
        var restored = savedList ?? ListState()
        restored.query.bpmMin = list.query.bpmMin
        restored.query.bpmMax = list.query.bpmMax
        restored.query.key = list.query.key
        restored.query.compatibleWith = list.query.compatibleWith
        restored.query.status = list.query.status
        let generation = list.generation
        list = restored
        // Answers for the neighbours' generation are dropped.
        list.generation = max(list.generation, generation)
        savedList = nil
        message = nil
        return reload(quiet: true)
    }

    /// The neighbours arrived: they are the list's one page.
    mutating func similarLoaded(generation: Int, _ found: SimilarSamples) -> [Effect] {
        guard var similar = list.similar, generation == list.generation, similar.sampleID == found.sampleID else { return [] }
        similar.similarities = Dictionary(found.items.map { ($0.sample.id, $0.similarity) }, uniquingKeysWith: { first, _ in first })
        list.similar = similar
        let page = ResultPage(items: found.items.map(\.sample), total: found.items.count, page: 1, limit: ListState.pageSize)
        let effects = handle(.pageLoaded(generation: generation, index: 0, page: page))
        // All of them: their number is the count, however many there are.
        list.countLoaded(generation: generation, total: found.items.count)
        return effects
    }
}
