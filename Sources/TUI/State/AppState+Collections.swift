import Foundation
import Model

extension AppState {
    /// Opens the collections panel and asks for them.
    mutating func openCollections() -> [Effect] {
        collectionsPanel = CollectionsPanel(loadedAt: now)
        return [.loadCollections]
    }

    /// A key while the collections panel is open: move, show items, add a collection, close.
    mutating func collectionsKey(_ key: KeyPress) -> [Effect] {
        guard var panel = collectionsPanel else { return [] }
        let action = keyMap.action(for: key)
        let count = panel.collections?.count ?? 0
        switch (key, action) {
        case (.escape, _), (_, .collections?), (_, .quit?):
            collectionsPanel = nil
            return []
        case (_, .down?):
            panel.cursor = min(max(0, count - 1), panel.cursor + 1)
        case (_, .up?):
            panel.cursor = max(0, panel.cursor - 1)
        case (_, .top?):
            panel.cursor = 0
        case (_, .bottom?):
            panel.cursor = max(0, count - 1)
        case (.enter, _):
            guard let selected = panel.selected else { return [] }
            if panel.expanded?.id == selected.id {
                panel.expanded = nil
            } else {
                collectionsPanel = panel
                return [.loadCollection(selected.id)]
            }
        case (_, .add?):
            dialog = Dialog(kind: .addCollection, title: "Add a collection",
                            fields: [.text("URLs or @creator", placeholder: "https://… https://…  or  @someone")])
            return []
        case (_, .refresh?):
            panel.loadedAt = now
            collectionsPanel = panel
            return [.loadCollections] + (panel.expanded.map { [.loadCollection($0.id)] } ?? [])
        default:
            return []
        }
        if panel.expanded != nil, panel.expanded?.id != panel.selected?.id { panel.expanded = nil }
        collectionsPanel = panel
        return []
    }

    /// What an open panel asks for as time passes.
    mutating func refreshCollections() -> [Effect] {
        guard var panel = collectionsPanel, now - panel.loadedAt >= CollectionsPanel.refreshInterval else { return [] }
        panel.loadedAt = now
        collectionsPanel = panel
        return [.loadCollections] + (panel.expanded.map { [.loadCollection($0.id)] } ?? [])
    }

    /// The answers of the collection effects.
    mutating func collectionsEvent(_ event: CollectionsEvent) -> [Effect] {
        switch event {
        case .loaded(let list):
            collectionsPanel?.update(list)
            return []
        case .loadedOne(let collection):
            guard collectionsPanel?.selected?.id == collection.id else { return [] }
            collectionsPanel?.expanded = collection
            return []
        case .created(let collection):
            let items = collection.progress.total
            show(info: "collection of \(items) item\(items == 1 ? "" : "s") added (\(collection.creditsCharged) credits)")
            var panel = collectionsPanel ?? CollectionsPanel(loadedAt: now)
            panel.cursor = 0
            panel.loadedAt = now
            collectionsPanel = panel
            return [.loadCollections] + reload()
        case .failed(let message):
            collectionsPanel?.error = message
            show(error: message)
            return []
        }
    }

    /// Reads the add-collection dialog: URLs separated by spaces or commas, or `@name` for a
    /// TikTok creator's posts.
    static func collectionRequest(_ text: String) -> Result<CollectionRequest, SampleTokError> {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\n" }).map(String.init)
        guard !words.isEmpty else { return .failure(.invalid("Type one or more URLs, or @creator for a TikTok creator's posts.")) }
        if words.count == 1, words[0].hasPrefix("@") {
            let name = String(words[0].dropFirst())
            guard !name.isEmpty else { return .failure(.invalid("Type the creator's name after @.")) }
            return .success(.tiktokUser(name))
        }
        if let creator = words.first(where: { $0.hasPrefix("@") }) {
            return .failure(.invalid("\(creator): give either URLs or one @creator, not both."))
        }
        return .success(.urls(words))
    }
}

/// The answers of the collection effects.
public enum CollectionsEvent: Sendable {
    /// The user's collections.
    case loaded([SampleCollection])
    /// One collection with its items.
    case loadedOne(SampleCollection)
    /// A collection was created.
    case created(SampleCollection)
    /// A collection call failed.
    case failed(String)
}
