import ArgumentParser
import Engine
import Foundation
import Model

/// `sampletok admin`: the users of a server, the check of its storage, and moving a library into one.
struct AdminCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin",
        abstract: "Manage the users of a server (create them, add credits, list them) and check its storage.",
        subcommands: [CreateUser.self, AddCredits.self, ListUsers.self, StorageCheck.self, MoveLibraryCommand.self])

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
                try await library.accounts.createUser(name: name, credits: credits, isAdmin: admin)
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
                try await library.accounts.addCredits(name: name, amount: credits)
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
            let users = try await LibrarySession.run(library, demo: false) { library in try await library.accounts.users() }
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

    struct StorageCheck: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "storage-check",
            abstract: "List stored objects no sample or stem points to, and files rows name that are missing (local folder or bucket).",
            discussion: "Exits 1 when anything is found (after --fix: when rows with missing files remain).")

        @Flag(help: "Remove the objects no row points to.") var fix = false
        @Flag(help: "Print the report as JSON.") var json = false
        @OptionGroup var library: LibraryOptions

        func run() async throws {
            let (fix, json) = (self.fix, self.json)
            let report = try await LibrarySession.run(library, demo: false) { library in try await library.storage.check(fix: fix) }
            if json {
                print(try JSONOutput.string(report))
            } else {
                for orphan in report.orphans {
                    print("\(fix ? "removed" : "orphan")\t\(orphan.key)\t\(orphan.bytes) bytes")
                }
                for missing in report.missing {
                    print("missing\t\(missing.key)\t(\(missing.owner) \(missing.id))")
                }
                print("\(report.objects) object(s), \(report.referenced) file(s) named by rows: \(report.orphans.count) orphan(s)\(fix ? " removed" : ""), \(report.missing.count) missing.")
                if !report.missing.isEmpty {
                    print("Rows with missing files: `sampletok delete ID` removes a sample; reprocessing one (`sampletok retry ID` when failed) stores its files again.")
                }
                if !fix && !report.orphans.isEmpty { print("`sampletok admin storage-check --fix` removes the orphans.") }
            }
            if !report.missing.isEmpty || (!fix && !report.orphans.isEmpty) { throw ExitCode(1) }
        }
    }
}
