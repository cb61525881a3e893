/// What `/echo` answers.
struct Echo: Decodable {
    var method: String
    var path: String
    var headers: [String: String]
    var body: String
}
