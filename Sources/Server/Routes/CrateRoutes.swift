import Engine
import Foundation
import Hummingbird
import Model

extension APIServer {
    /// Crates and stars (user; each user's own: another's crate is 404 `crate.not_found`):
    /// `GET crates` (mine, by name, without items), `POST crates {name}` → 201, `GET
    /// crates/{crate}` (with its samples in order), `PATCH crates/{crate} {name}`, `DELETE
    /// crates/{crate}` → 204, `POST crates/{crate}/items {sample_id, position?}`, `PATCH
    /// crates/{crate}/items/{sample} {position}`, `DELETE crates/{crate}/items/{sample}`; `GET
    /// stars`, `PUT` and `DELETE samples/{id}/star`. `{crate}` is a crate's name (percent-encoded),
    /// id or unique id prefix; `{sample}` a sample's id or unique prefix.
    func addCrateRoutes(to api: RouterGroup<APIContext>) {
        api.get("crates") { request, _ -> Response in
            let user = try await auth.user(request)
            let list = try await library.crates.list(as: user.principal)
            return try JSONResponse.make(ResultPage(items: list, total: list.count, page: 1, limit: max(1, list.count)))
        }

        api.post("crates") { request, _ -> Response in
            let user = try await auth.user(request)
            let wanted = try await body.decode(CrateRequest.self, from: request)
            return try JSONResponse.make(try await library.crates.create(named: wanted.name, as: user.principal), status: .created)
        }

        api.get("crates/:crate") { request, context -> Response in
            let user = try await auth.user(request).principal
            return try JSONResponse.make(try await library.crates.crate(try await crateID(context, user), as: user))
        }

        api.patch("crates/:crate") { request, context -> Response in
            let user = try await auth.user(request).principal
            let wanted = try await body.decode(CrateRequest.self, from: request)
            return try JSONResponse.make(try await library.crates.rename(try await crateID(context, user), to: wanted.name, as: user))
        }

        api.delete("crates/:crate") { request, context -> Response in
            let user = try await auth.user(request).principal
            try await library.crates.delete(try await crateID(context, user), as: user)
            return Response(status: .noContent)
        }

        api.post("crates/:crate/items") { request, context -> Response in
            let user = try await auth.user(request).principal
            let wanted = try await body.decode(CrateItemRequest.self, from: request)
            let crate = try await crateID(context, user)
            let sample = try await library.samples.id(matching: wanted.sampleID)
            return try JSONResponse.make(try await library.crates.add(sample, to: crate, at: wanted.position, as: user))
        }

        api.patch("crates/:crate/items/:id") { request, context -> Response in
            let user = try await auth.user(request).principal
            let wanted = try await body.decode(CrateMoveRequest.self, from: request)
            let crate = try await crateID(context, user)
            let sample = try await library.samples.id(matching: try Self.sampleID(context))
            return try JSONResponse.make(try await library.crates.move(sample, in: crate, to: wanted.position, as: user))
        }

        api.delete("crates/:crate/items/:id") { request, context -> Response in
            let user = try await auth.user(request).principal
            let crate = try await crateID(context, user)
            let sample = try await library.samples.id(matching: try Self.sampleID(context))
            return try JSONResponse.make(try await library.crates.remove(sample, from: crate, as: user))
        }

        api.get("stars") { request, _ -> Response in
            let user = try await auth.user(request)
            return try JSONResponse.make(StarList(items: try await library.crates.stars(as: user.principal)))
        }

        for (method, starred) in [(HTTPRequest.Method.put, true), (.delete, false)] {
            api.on("samples/:id/star", method: method) { request, context -> Response in
                let user = try await auth.user(request)
                let sample = try await library.samples.id(matching: try Self.sampleID(context))
                let now = try await library.crates.setStar(sample, starred, as: user.principal)
                return try JSONResponse.make(StarState(sampleID: sample, starred: now))
            }
        }
    }

    /// The crate `{crate}` names among `user`'s: its name (percent-decoded), id or id prefix.
    private func crateID(_ context: APIContext, _ user: Principal) async throws -> UUID {
        let text = try context.parameters.require("crate")
        return try await library.crates.id(matching: text.removingPercentEncoding ?? text, as: user)
    }
}
