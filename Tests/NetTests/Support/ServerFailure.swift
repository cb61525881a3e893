/// The test server could not start.
struct ServerFailure: Error, CustomStringConvertible {
    var description: String
}
