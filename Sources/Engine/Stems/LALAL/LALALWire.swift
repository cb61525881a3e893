import Foundation

/// The JSON shapes of LALAL.AI's v1 API, as sent and received.
enum LALALWire {
    /// `POST /upload/` → the uploaded source.
    struct Upload: Decodable {
        var id: String
        var name: String?
        var size: Int?
        var duration: Double?
        var expires: Int?
    }

    /// `POST /split/stem_separator/` and `/split/voice_clean/` ← a split of one source.
    struct SplitRequest: Encodable {
        var sourceID: String
        var presets: Presets
        var idempotencyKey: String

        enum CodingKeys: String, CodingKey {
            case sourceID = "source_id", presets, idempotencyKey = "idempotency_key"
        }
    }

    /// The presets of a split: the stem (the splitter is LALAL's `auto` default).
    struct Presets: Encodable {
        var stem: String
    }

    /// A split's answer.
    struct SplitResponse: Decodable {
        var taskID: String
        enum CodingKeys: String, CodingKey { case taskID = "task_id" }
    }

    /// `POST /check/` ← the tasks to check (at most 200).
    struct CheckRequest: Encodable {
        var taskIDs: [String]
        enum CodingKeys: String, CodingKey { case taskIDs = "task_ids" }
    }

    /// `POST /check/` → each task's state.
    struct CheckResponse: Decodable {
        var result: [String: TaskResult]
    }

    /// One track of a finished split.
    struct Track: Decodable {
        var type: String
        var label: String
        var url: String
    }

    /// A task's state, discriminated on `status`.
    enum TaskResult: Decodable {
        case progress(Int)
        case success([Track])
        case error(String, code: String?)
        case cancelled
        case serverError(String)

        private enum Keys: String, CodingKey { case status, progress, result, error }
        private struct Finished: Decodable { var tracks: [Track] }
        private struct Failure: Decodable { var detail: String?; var code: String? }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            switch try c.decode(String.self, forKey: .status) {
            case "progress":
                self = .progress(try c.decodeIfPresent(Int.self, forKey: .progress) ?? 0)
            case "success":
                self = .success(try c.decode(Finished.self, forKey: .result).tracks)
            case "error":
                let failure = try? c.decode(Failure.self, forKey: .error)
                self = .error(failure?.detail ?? "no detail given", code: failure?.code)
            case "cancelled":
                self = .cancelled
            case "server_error":
                self = .serverError((try? c.decode(String.self, forKey: .error)) ?? "no detail given")
            case let other:
                throw DecodingError.dataCorruptedError(forKey: .status, in: c, debugDescription: "unknown status \(other)")
            }
        }
    }

    /// An error body: `{"detail": <string|object|array>, "code"?: …}`. A FastAPI validation
    /// error (422) has an array `detail` of `{loc, msg, type}`: its messages become one text,
    /// each after the field it names (`presets.stem: Input should be …`).
    struct ErrorBody: Decodable {
        var detail: String?
        var code: String?

        private enum Keys: String, CodingKey { case detail, code }

        /// One entry of a validation error's `detail`.
        private struct Problem: Decodable {
            var loc: [Location]?
            var msg: String?
        }

        /// A `loc` part: a field name or an index.
        private enum Location: Decodable {
            case name(String), index(Int)
            init(from decoder: any Decoder) throws {
                let c = try decoder.singleValueContainer()
                if let index = try? c.decode(Int.self) { self = .index(index) } else { self = .name(try c.decode(String.self)) }
            }
            var text: String {
                switch self {
                case .name(let name): return name
                case .index(let index): return String(index)
                }
            }
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            code = try? c.decodeIfPresent(String.self, forKey: .code)
            if let text = try? c.decodeIfPresent(String.self, forKey: .detail) {
                detail = text
            } else if let problems = try? c.decodeIfPresent([Problem].self, forKey: .detail) {
                let texts = problems.compactMap { problem -> String? in
                    guard let message = problem.msg else { return nil }
                    // `body` and the request model's name say nothing to a user.
                    let field = (problem.loc ?? []).map(\.text).filter { $0 != "body" && $0 != "split_input" }.joined(separator: ".")
                    return field.isEmpty ? message : "\(field): \(message)"
                }
                detail = texts.isEmpty ? nil : String(texts.joined(separator: "; ").prefix(500))
            } else {
                detail = nil
            }
        }
    }

    /// `POST /delete/` ← the source to delete.
    struct DeleteRequest: Encodable {
        var sourceID: String
        enum CodingKeys: String, CodingKey { case sourceID = "source_id" }
    }
}
