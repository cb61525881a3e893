/// The version of the shared data model (bumped when a JSON shape changes incompatibly).
public enum ModelVersion {
    /// The current version.
    public static let current = 1
}
