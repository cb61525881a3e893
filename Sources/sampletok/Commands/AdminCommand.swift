import ArgumentParser
import Engine
import Foundation
import Model

/// `sampletok admin`: the users of a server.
struct AdminCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin",
        abstract: "Manage the users of a server: create them, add credits, list them.",
        subcommands: [CreateUser.self, AddCredits.self, ListUsers.self])

    struct CreateUser: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create-user",
            abstract: "Create a user and print their bearer token (shown this once).")

        @Argument(help: "The user's name: 1–64 letters, digits, '.', '-' or '_'.") var name: String
        @Option(help: "Credits to start with.") var credits = 0
        @Flag(help: "Make them an administrator.") var admin = false
        @Flag(help: "Print {user, token} as JSON.") var json = false
        @OptionGroup var library: LibraryOptions

        func run() async throws {
            let (name, credits, admin, json) = (self.name, self.credits, self.admin, self.json)
            let created = try await LibrarySession.run(library, demo: false) { library in
                try await library.createUser(name: name, credits: credits, isAdmin: admin)
            }
            if json {
                print(try JSONOutput.string(created))
            } else {
                FileHandle.standardError.write(Data("Created \(created.user.name) with \(created.user.credits) credit(s). Their token (shown once):\n".utf8))
                print(created.token)
            }
        }
    }

    struct AddCredits: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add-credits", abstract: "Add credits to a user.")

        @Argument(help: "The user's name.") var name: String
        @Argument(help: "How many credits to add.") var credits: Int
        @Flag(help: "Print the user as JSON.") var json = false
        @OptionGroup var library: LibraryOptions

        func run() async throws {
            let (name, credits, json) = (self.name, self.credits, self.json)
            let user = try await LibrarySession.run(library, demo: false) { library in
                try await library.addCredits(name: name, amount: credits)
            }
            print(json ? try JSONOutput.string(user) : "\(user.name): \(user.credits) credit(s)")
        }
    }

    struct ListUsers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list-users", abstract: "List the users.")

        @Flag(help: "Print the users as JSON.") var json = false
        @OptionGroup var library: LibraryOptions

        func run() async throws {
            let json = self.json
            let users = try await LibrarySession.run(library, demo: false) { library in try await library.users() }
            if json {
                print(try JSONOutput.string(users))
                return
            }
            for user in users {
                print("\(user.name)\t\(user.credits) credit(s)\(user.isAdmin ? "\tadmin" : "")\tsince \(ISO8601DateFormatter().string(from: user.createdAt))")
            }
            if users.isEmpty { print("No users yet: `sampletok admin create-user NAME`.") }
        }
    }
}
