public import LeafSyncJSON

/// Upcasts payloads written with an older schema version to the current one, one step at a time.
/// The log is never rewritten; this runs on every read.
public enum Upcaster {
    public static func upcast(type: String, from version: UInt16, _ payload: JSONValue) throws(RecordDecodingError) -> JSONValue {
        var json = payload
        var v = version
        while v < EventType.currentVersion(of: type) {
            json = try step(type: type, from: v, json)
            v += 1
        }
        return json
    }

    private static func step(type: String, from version: UInt16, _ json: JSONValue) throws(RecordDecodingError) -> JSONValue {
        guard var members = json.object else { throw .invalidPayload(type: type, reason: "version \(version) payload is not an object") }
        switch (type, version) {
        case (EventType.settingsChanged, 1):
            // v1 had one inventory location and called the price toggle `syncSalePrice`.
            if let single = members.removeValue(forKey: "inventoryLocationID") {
                members["inventoryLocationIDs"] = single.isNull ? .array([]) : .array([single])
            }
            if let toggle = members.removeValue(forKey: "syncSalePrice") { members["syncPrices"] = toggle }
            return .object(members)
        case (EventType.repMapped, 1):
            // v1: `{"userID", "repID"}`.
            guard let user = members["userID"], let rep = members["repID"] else {
                throw .invalidPayload(type: type, reason: "version 1 payload needs userID and repID")
            }
            return .object(["distruUserID": user, "leafLinkStaffID": rep])
        default:
            return json
        }
    }
}
