import Foundation
public import LeafSyncJSON

/// The JSON forms of the fault controls every simulator's `/_sim/faults` and `/_sim/settings`
/// take, written once.
extension ScriptedFault {
    /// The faults of `{"faults": [{"status": 429, "retry_after": 2}, {"drop": true},
    /// {"malformed": true}, {"lose_response": true}, {"delay_ms": 500}]}`; entries not
    /// understood are skipped.
    public static func list(_ body: JSONObject) -> [ScriptedFault] {
        (body["faults"]?.arrayValue ?? []).compactMap { f in
            if f["drop"]?.boolValue == true { return .drop }
            if f["malformed"]?.boolValue == true { return .malformed }
            if f["lose_response"]?.boolValue == true { return .loseResponse }
            if let ms = f["delay_ms"]?.intValue { return .delay(milliseconds: ms) }
            if let s = f["status"]?.intValue { return .status(s, retryAfter: f["retry_after"]?.intValue) }
            return nil
        }
    }
}

extension FaultSettings {
    /// The settings as `GET /_sim/settings` shows them (snake_case members).
    public var json: JSONValue {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return (try? JSONParser.parse(Array(try encoder.encode(self)))) ?? .object(JSONObject())
    }

    /// These settings with the members `patch` names replaced (`{"rate_limit_per_minute": 10}`).
    public func merging(_ patch: JSONObject) throws -> FaultSettings {
        let merged = (json.objectValue ?? JSONObject()).merging(patch) { _, new in new }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(FaultSettings.self, from: Data(JSONValue.object(merged).serialized()))
    }
}
