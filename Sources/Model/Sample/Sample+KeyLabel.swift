extension Sample {
    /// The key as lists show it, `Am 8A`, with `?` when it is not trustworthy; nil without a key.
    public var keyLabel: String? {
        guard let key else { return nil }
        return "\(key.shortName) \(key.camelot)\(keyIsConfident ? "" : "?")"
    }
}
