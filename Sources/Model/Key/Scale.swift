/// The mode of a key: major or minor (JSON `"major"` / `"minor"`).
public enum Scale: String, CaseIterable, Codable, Sendable, Hashable, CustomStringConvertible {
    /// A major key (Camelot letter `B`).
    case major
    /// A minor key (Camelot letter `A`).
    case minor

    public var description: String { rawValue }

    /// The other mode.
    public var opposite: Scale { self == .major ? .minor : .major }
}
