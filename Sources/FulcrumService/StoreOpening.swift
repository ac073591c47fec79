import FulcrumPostgresStore
import FulcrumSQLiteStore
import FulcrumStore

/// Opens the result store a location names: the SQLite file, or the PostgreSQL database.
public enum StoreOpening {
    public static func open(_ location: StoreLocation) async throws -> any ResultStore {
        switch location {
        case .sqlite(let path): try SQLiteResultStore(path: path)
        case .postgres(let url): try await PostgresResultStore.open(url)
        }
    }

    /// Opens the store, runs `body` with it and closes it, whether `body` returns or throws.
    public static func with<T>(_ location: StoreLocation, _ body: (any ResultStore) async throws -> T) async throws -> T {
        let store = try await open(location)
        do {
            let result = try await body(store)
            try await store.close()
            return result
        } catch {
            try? await store.close()
            throw error
        }
    }
}
