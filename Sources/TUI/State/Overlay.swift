/// What is drawn over the panes and takes the keys: the help, a dialog, the stem dialog, the
/// collections panel or the message log. Overlays stack (the collections panel opens its add dialog over itself);
/// the top one takes every key and is the one drawn, so key handling and drawing agree on what
/// is in front.
public enum Overlay: Sendable, Equatable {
    /// The help with the live key map.
    case help
    /// A form: add a URL, filters, export, add a collection.
    case dialog(Dialog)
    /// The stem dialog of one sample.
    case stems(StemDialog)
    /// The collections panel.
    case collections(CollectionsPanel)
    /// The message log.
    case messages(MessagesPanel)
    /// The crates panel.
    case crates(CratesPanel)

    var dialog: Dialog? {
        if case .dialog(let dialog) = self { return dialog }
        return nil
    }

    var stems: StemDialog? {
        if case .stems(let dialog) = self { return dialog }
        return nil
    }

    var collections: CollectionsPanel? {
        if case .collections(let panel) = self { return panel }
        return nil
    }

    var isHelp: Bool { self == .help }
}

extension AppState {
    /// The overlay in front, which takes the keys; nil when the panes do.
    public var frontOverlay: Overlay? { overlays.last }

    /// The open dialog (setting nil closes it; setting one replaces it, or opens it in front).
    public var dialog: Dialog? {
        get { overlays.lazy.compactMap(\.dialog).last }
        set { place(newValue.map(Overlay.dialog), where: { $0.dialog != nil }) }
    }

    /// The stem dialog, when it is open.
    public var stemDialog: StemDialog? {
        get { overlays.lazy.compactMap(\.stems).last }
        set { place(newValue.map(Overlay.stems), where: { $0.stems != nil }) }
    }

    /// The collections panel, when it is open.
    public var collectionsPanel: CollectionsPanel? {
        get { overlays.lazy.compactMap(\.collections).last }
        set { place(newValue.map(Overlay.collections), where: { $0.collections != nil }) }
    }

    /// Whether the help is shown.
    public var showsHelp: Bool {
        get { overlays.contains(.help) }
        set { place(newValue ? .help : nil, where: \.isHelp) }
    }

    /// Puts `overlay` where the one matching `matches` is (in front when there is none), or
    /// removes that one when `overlay` is nil.
    private mutating func place(_ overlay: Overlay?, where matches: (Overlay) -> Bool) {
        if let index = overlays.lastIndex(where: matches) {
            if let overlay { overlays[index] = overlay } else { overlays.remove(at: index) }
        } else if let overlay {
            overlays.append(overlay)
        }
    }
}
