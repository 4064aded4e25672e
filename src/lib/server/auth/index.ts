export {
	API_KEY_SCOPES,
	ApiKeyError,
	createApiKey,
	createKeyVerifier,
	hashSecret,
	listApiKeys,
	parseScopes,
	revokeApiKey,
	type ApiKeyRecord,
	type ApiKeyScope,
	type KeyCheck,
	type KeyVerifier
} from './apiKeys';
