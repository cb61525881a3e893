import Foundation
import Model

/// `C`: the user's crates over the app. The list of crates (name and count); `Enter` opens the
/// one under the cursor to its samples in order, where `J`/`K` move the sample down/up, `x`
/// takes it out of the crate and `Esc` goes back; on the list, `x` twice deletes a crate.
public struct CratesPanel: Sendable, Equatable {
    /// The crate under the cursor on the list.
    public var cursor = 0
    /// The crate opened, with its samples; nil on the list.
    public var open: Crate?
    /// The sample under the cursor in the open crate.
    public var itemCursor = 0
    /// The crate `x` was pressed on once: a second `x` deletes it.
    public var confirmingDelete: UUID?
    /// Why the last call failed.
    public var error: String?

    /// The sample under the cursor in the open crate.
    public var selectedItem: CrateItem? {
        guard let items = open?.items, items.indices.contains(itemCursor) else { return nil }
        return items[itemCursor]
    }
}

extension AppState {
    /// The crates panel, when it is open.
    public var cratesPanel: CratesPanel? {
        get {
            for overlay in overlays.reversed() { if case .crates(let panel) = overlay { return panel } }
            return nil
        }
        set {
            if let index = overlays.lastIndex(where: { if case .crates = $0 { return true } else { return false } }) {
                if let newValue { overlays[index] = .crates(newValue) } else { overlays.remove(at: index) }
            } else if let newValue {
                overlays.append(.crates(newValue))
            }
        }
    }

    /// `C`: opens the crates panel and asks for the crates.
    mutating func openCrates() -> [Effect] {
        cratesPanel = CratesPanel()
        return [.loadCrates]
    }

    /// Where a cursor over `count` rows goes after a moving action (down, up, top, bottom); nil
    /// for any other action.
    static func cursor(_ cursor: Int, count: Int, after action: Action?) -> Int? {
        switch action {
        case .down?: return min(max(0, count - 1), cursor + 1)
        case .up?: return max(0, cursor - 1)
        case .top?: return 0
        case .bottom?: return max(0, count - 1)
        default: return nil
        }
    }

    /// The export dialog of a crate (format and folder, as a sample's export offers them).
    private mutating func askExport(_ crate: Crate) -> [Effect] {
        dialog = Dialog(kind: .exportCrate(crate.id, name: crate.name),
                        title: "Export the crate \(crate.name) (\(crate.count) sample\(crate.count == 1 ? "" : "s"), with crate.m3u8)",
                        fields: exportFields)
        return []
    }

    /// A key while the crates panel is open.
    mutating func cratesKey(_ key: KeyPress) -> [Effect] {
        guard var panel = cratesPanel else { return [] }
        let action = keyMap.action(for: key)
        let confirming = panel.confirmingDelete
        panel.confirmingDelete = nil
        panel.error = nil
        if let open = panel.open {
            let count = open.items?.count ?? 0
            switch (key, action) {
            case (.escape, _), (.backspace, _):
                panel.open = nil
            case (_, .quit?), (_, .crates?):
                cratesPanel = nil
                return []
            case (.character("J"), _), (.character("K"), _):
                guard let item = panel.selectedItem else { break }
                let target = key == .character("J") ? min(count, item.position + 1) : max(1, item.position - 1)
                guard target != item.position else { break }
                panel.itemCursor = target - 1
                cratesPanel = panel
                return [.moveInCrate(open.id, sample: item.sample.id, to: target)]
            case (_, .export?):
                cratesPanel = panel
                return askExport(open)
            case (_, .delete?):
                guard let item = panel.selectedItem else { break }
                cratesPanel = panel
                return [.removeFromCrate(open.id, sample: item.sample.id)]
            default:
                if let moved = Self.cursor(panel.itemCursor, count: count, after: action) { panel.itemCursor = moved }
            }
            cratesPanel = panel
            return []
        }
        let count = crates.list.count
        switch (key, action) {
        case (.escape, _), (_, .quit?), (_, .crates?):
            cratesPanel = nil
            return []
        case (.enter, _):
            guard crates.list.indices.contains(panel.cursor) else { break }
            cratesPanel = panel
            return [.loadCrate(crates.list[panel.cursor].id)]
        case (_, .delete?):
            guard crates.list.indices.contains(panel.cursor) else { break }
            let crate = crates.list[panel.cursor]
            if confirming == crate.id {
                cratesPanel = panel
                return [.deleteCrate(crate.id, name: crate.name)]
            }
            panel.confirmingDelete = crate.id
        case (.character("n"), _):
            guard crates.list.indices.contains(panel.cursor) else { break }
            let crate = crates.list[panel.cursor]
            cratesPanel = panel
            dialog = Dialog(kind: .renameCrate(crate.id, name: crate.name), title: "Rename the crate \(crate.name)",
                            fields: [.text("name", crate.name)])
            return []
        case (_, .refresh?):
            cratesPanel = panel
            return [.loadCrates]
        case (_, .export?):
            guard crates.list.indices.contains(panel.cursor) else { break }
            cratesPanel = panel
            return askExport(crates.list[panel.cursor])
        default:
            if let moved = Self.cursor(panel.cursor, count: count, after: action) { panel.cursor = moved }
        }
        cratesPanel = panel
        return []
    }
}
