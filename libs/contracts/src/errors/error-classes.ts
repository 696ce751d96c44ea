import { DomainError, ERROR_REGISTRY } from './domain-error';
import { ErrorCodes } from './error-codes';

// One class per code so services can `throw new NotFoundError('Conversation Not Exists.')`
// and tests can assert on the class after a transport round trip.

export class InvalidApiKeyError extends DomainError {
  constructor(message = 'Access token is invalid', extra?: { params?: string; retryAfter?: number }) {
    super('invalid_api_key', ErrorCodes.invalid_api_key, message, extra);
  }
}
ERROR_REGISTRY.set('invalid_api_key', InvalidApiKeyError);

export class UnauthorizedError extends DomainError {
  constructor(message = "Authorization header must be provided and start with 'Bearer'", extra?: { params?: string; retryAfter?: number }) {
    super('unauthorized', ErrorCodes.unauthorized, message, extra);
  }
}
ERROR_REGISTRY.set('unauthorized', UnauthorizedError);

export class ForbiddenError extends DomainError {
  constructor(message = 'You do not have permission to access this resource.', extra?: { params?: string; retryAfter?: number }) {
    super('forbidden', ErrorCodes.forbidden, message, extra);
  }
}
ERROR_REGISTRY.set('forbidden', ForbiddenError);

export class NotFoundError extends DomainError {
  constructor(message = 'Not found.', extra?: { params?: string; retryAfter?: number }) {
    super('not_found', ErrorCodes.not_found, message, extra);
  }
}
ERROR_REGISTRY.set('not_found', NotFoundError);

export class InvalidParamError extends DomainError {
  constructor(message = 'Invalid parameter.', extra?: { params?: string; retryAfter?: number }) {
    super('invalid_param', ErrorCodes.invalid_param, message, extra);
  }
}
ERROR_REGISTRY.set('invalid_param', InvalidParamError);

export class BadRequestError extends DomainError {
  constructor(message = 'Bad request.', extra?: { params?: string; retryAfter?: number }) {
    super('bad_request', ErrorCodes.bad_request, message, extra);
  }
}
ERROR_REGISTRY.set('bad_request', BadRequestError);

export class RateLimitExceededError extends DomainError {
  constructor(message = 'Rate limit exceeded, please retry later.', extra?: { params?: string; retryAfter?: number }) {
    super('rate_limit_exceeded', ErrorCodes.rate_limit_exceeded, message, extra);
  }
}
ERROR_REGISTRY.set('rate_limit_exceeded', RateLimitExceededError);

export class QuotaExceededError extends DomainError {
  constructor(message = 'Your quota has been exhausted.', extra?: { params?: string; retryAfter?: number }) {
    super('quota_exceeded', ErrorCodes.quota_exceeded, message, extra);
  }
}
ERROR_REGISTRY.set('quota_exceeded', QuotaExceededError);

export class TooManyRequestsError extends DomainError {
  constructor(message = 'Too many requests. Please try again later.', extra?: { params?: string; retryAfter?: number }) {
    super('too_many_requests', ErrorCodes.too_many_requests, message, extra);
  }
}
ERROR_REGISTRY.set('too_many_requests', TooManyRequestsError);

export class AppUnavailableError extends DomainError {
  constructor(message = 'App unavailable, please check your app configurations.', extra?: { params?: string; retryAfter?: number }) {
    super('app_unavailable', ErrorCodes.app_unavailable, message, extra);
  }
}
ERROR_REGISTRY.set('app_unavailable', AppUnavailableError);

export class ProviderNotInitializeError extends DomainError {
  constructor(
    message = 'No valid model provider credentials found. Please go to Settings -> Model Provider to complete your provider credentials.',
    extra?: { params?: string; retryAfter?: number },
  ) {
    super('provider_not_initialize', ErrorCodes.provider_not_initialize, message, extra);
  }
}
ERROR_REGISTRY.set('provider_not_initialize', ProviderNotInitializeError);

export class ModelCurrentlyNotSupportError extends DomainError {
  constructor(message = 'The model is not currently supported.', extra?: { params?: string; retryAfter?: number }) {
    super('model_currently_not_support', ErrorCodes.model_currently_not_support, message, extra);
  }
}
ERROR_REGISTRY.set('model_currently_not_support', ModelCurrentlyNotSupportError);

export class CompletionRequestError extends DomainError {
  constructor(message = 'The model request failed.', extra?: { params?: string; retryAfter?: number }) {
    super('completion_request_error', ErrorCodes.completion_request_error, message, extra);
  }
}
ERROR_REGISTRY.set('completion_request_error', CompletionRequestError);

export class InternalServerError extends DomainError {
  constructor(message = 'Internal Server Error, please contact support.', extra?: { params?: string; retryAfter?: number }) {
    super('internal_server_error', ErrorCodes.internal_server_error, message, extra);
  }
}
ERROR_REGISTRY.set('internal_server_error', InternalServerError);

export class NotChatAppError extends DomainError {
  constructor(message = 'App mode mismatch: please check if your app mode matches the right API route.', extra?: { params?: string; retryAfter?: number }) {
    super('not_chat_app', ErrorCodes.not_chat_app, message, extra);
  }
}
ERROR_REGISTRY.set('not_chat_app', NotChatAppError);

export class NotCompletionAppError extends DomainError {
  constructor(message = 'App mode mismatch: please check if your app mode matches the right API route.', extra?: { params?: string; retryAfter?: number }) {
    super('not_completion_app', ErrorCodes.not_completion_app, message, extra);
  }
}
ERROR_REGISTRY.set('not_completion_app', NotCompletionAppError);

export class NotWorkflowAppError extends DomainError {
  constructor(message = 'App mode mismatch: please check if your app mode matches the right API route.', extra?: { params?: string; retryAfter?: number }) {
    super('not_workflow_app', ErrorCodes.not_workflow_app, message, extra);
  }
}
ERROR_REGISTRY.set('not_workflow_app', NotWorkflowAppError);

export class ConversationCompletedError extends DomainError {
  constructor(message = 'The conversation has ended. Please start a new conversation.', extra?: { params?: string; retryAfter?: number }) {
    super('conversation_completed', ErrorCodes.conversation_completed, message, extra);
  }
}
ERROR_REGISTRY.set('conversation_completed', ConversationCompletedError);

export class NoFileUploadedError extends DomainError {
  constructor(message = 'Please upload your file.', extra?: { params?: string; retryAfter?: number }) {
    super('no_file_uploaded', ErrorCodes.no_file_uploaded, message, extra);
  }
}
ERROR_REGISTRY.set('no_file_uploaded', NoFileUploadedError);

export class TooManyFilesError extends DomainError {
  constructor(message = 'Only one file is allowed.', extra?: { params?: string; retryAfter?: number }) {
    super('too_many_files', ErrorCodes.too_many_files, message, extra);
  }
}
ERROR_REGISTRY.set('too_many_files', TooManyFilesError);

export class FilenameNotExistsError extends DomainError {
  constructor(message = 'The specified filename does not exist.', extra?: { params?: string; retryAfter?: number }) {
    super('filename_not_exists_error', ErrorCodes.filename_not_exists_error, message, extra);
  }
}
ERROR_REGISTRY.set('filename_not_exists_error', FilenameNotExistsError);

export class FileTooLargeError extends DomainError {
  constructor(message = 'File size exceeded.', extra?: { params?: string; retryAfter?: number }) {
    super('file_too_large', ErrorCodes.file_too_large, message, extra);
  }
}
ERROR_REGISTRY.set('file_too_large', FileTooLargeError);

export class UnsupportedFileTypeError extends DomainError {
  constructor(message = 'File type not allowed.', extra?: { params?: string; retryAfter?: number }) {
    super('unsupported_file_type', ErrorCodes.unsupported_file_type, message, extra);
  }
}
ERROR_REGISTRY.set('unsupported_file_type', UnsupportedFileTypeError);

export class AlreadySetupError extends DomainError {
  constructor(
    message = 'Sluice has been successfully installed. Please refresh the page or return to the dashboard homepage.',
    extra?: { params?: string; retryAfter?: number },
  ) {
    super('already_setup', ErrorCodes.already_setup, message, extra);
  }
}
ERROR_REGISTRY.set('already_setup', AlreadySetupError);

export class NotSetupError extends DomainError {
  constructor(message = 'Sluice has not been set up yet: call POST /console/api/setup first.', extra?: { params?: string; retryAfter?: number }) {
    super('not_setup', ErrorCodes.not_setup, message, extra);
  }
}
ERROR_REGISTRY.set('not_setup', NotSetupError);

export class InvalidCredentialsError extends DomainError {
  constructor(message = 'Invalid email or password.', extra?: { params?: string; retryAfter?: number }) {
    super('invalid_credentials', ErrorCodes.invalid_credentials, message, extra);
  }
}
ERROR_REGISTRY.set('invalid_credentials', InvalidCredentialsError);

export class SuggestedQuestionsDisabledError extends DomainError {
  constructor(message = 'Suggested questions feature is disabled.', extra?: { params?: string; retryAfter?: number }) {
    super('app_suggested_questions_after_answer_disabled', ErrorCodes.app_suggested_questions_after_answer_disabled, message, extra);
  }
}
ERROR_REGISTRY.set('app_suggested_questions_after_answer_disabled', SuggestedQuestionsDisabledError);

export class RequestTimeoutError extends DomainError {
  constructor(message = 'The service did not answer in time.', extra?: { params?: string; retryAfter?: number }) {
    super('request_timeout', ErrorCodes.request_timeout, message, extra);
  }
}
ERROR_REGISTRY.set('request_timeout', RequestTimeoutError);

export class ServiceUnavailableError extends DomainError {
  constructor(message = 'The service is unavailable, please retry.', extra?: { params?: string; retryAfter?: number }) {
    super('service_unavailable', ErrorCodes.service_unavailable, message, extra);
  }
}
ERROR_REGISTRY.set('service_unavailable', ServiceUnavailableError);

export class DatasetNameDuplicateError extends DomainError {
  constructor(message = 'The dataset name already exists. Please modify your dataset name.', extra?: { params?: string; retryAfter?: number }) {
    super('dataset_name_duplicate', ErrorCodes.dataset_name_duplicate, message, extra);
  }
}
ERROR_REGISTRY.set('dataset_name_duplicate', DatasetNameDuplicateError);

export class DatasetInUseError extends DomainError {
  constructor(
    message = 'The dataset is being used by some apps. Please remove the dataset from the apps before deleting it.',
    extra?: { params?: string; retryAfter?: number },
  ) {
    super('dataset_in_use', ErrorCodes.dataset_in_use, message, extra);
  }
}
ERROR_REGISTRY.set('dataset_in_use', DatasetInUseError);

export class ArchivedDocumentImmutableError extends DomainError {
  constructor(message = 'The archived document is not editable.', extra?: { params?: string; retryAfter?: number }) {
    super('archived_document_immutable', ErrorCodes.archived_document_immutable, message, extra);
  }
}
ERROR_REGISTRY.set('archived_document_immutable', ArchivedDocumentImmutableError);

export class DocumentIndexingError extends DomainError {
  constructor(message = 'The document is being processed and cannot be edited.', extra?: { params?: string; retryAfter?: number }) {
    super('document_indexing', ErrorCodes.document_indexing, message, extra);
  }
}
ERROR_REGISTRY.set('document_indexing', DocumentIndexingError);

export class DocumentAlreadyFinishedError extends DomainError {
  constructor(
    message = 'The document has been processed. Please refresh the page or go to the document details.',
    extra?: { params?: string; retryAfter?: number },
  ) {
    super('document_already_finished', ErrorCodes.document_already_finished, message, extra);
  }
}
ERROR_REGISTRY.set('document_already_finished', DocumentAlreadyFinishedError);

export class InvalidActionError extends DomainError {
  constructor(message = 'Invalid action.', extra?: { params?: string; retryAfter?: number }) {
    super('invalid_action', ErrorCodes.invalid_action, message, extra);
  }
}
ERROR_REGISTRY.set('invalid_action', InvalidActionError);

export class InvalidMetadataError extends DomainError {
  constructor(message = 'The metadata content is incorrect.', extra?: { params?: string; retryAfter?: number }) {
    super('invalid_metadata', ErrorCodes.invalid_metadata, message, extra);
  }
}
ERROR_REGISTRY.set('invalid_metadata', InvalidMetadataError);

export class DatasetNotInitializedError extends DomainError {
  constructor(message = 'The dataset is still being initialized or indexing. Please wait a moment.', extra?: { params?: string; retryAfter?: number }) {
    super('dataset_not_initialized', ErrorCodes.dataset_not_initialized, message, extra);
  }
}
ERROR_REGISTRY.set('dataset_not_initialized', DatasetNotInitializedError);

export class ApiKeyLimitExceededError extends DomainError {
  constructor(message = 'Cannot create more than 10 API keys for this resource type.', extra?: { params?: string; retryAfter?: number }) {
    super('api_key_limit_exceeded', ErrorCodes.api_key_limit_exceeded, message, extra);
  }
}
ERROR_REGISTRY.set('api_key_limit_exceeded', ApiKeyLimitExceededError);

export class NoAudioUploadedError extends DomainError {
  constructor(message = 'Please upload your audio file.', extra?: { params?: string; retryAfter?: number }) {
    super('no_audio_uploaded', ErrorCodes.no_audio_uploaded, message, extra);
  }
}
ERROR_REGISTRY.set('no_audio_uploaded', NoAudioUploadedError);

export class AudioTooLargeError extends DomainError {
  constructor(message = 'Audio size exceeded.', extra?: { params?: string; retryAfter?: number }) {
    super('audio_too_large', ErrorCodes.audio_too_large, message, extra);
  }
}
ERROR_REGISTRY.set('audio_too_large', AudioTooLargeError);

export class UnsupportedAudioTypeError extends DomainError {
  constructor(message = 'Audio type not allowed.', extra?: { params?: string; retryAfter?: number }) {
    super('unsupported_audio_type', ErrorCodes.unsupported_audio_type, message, extra);
  }
}
ERROR_REGISTRY.set('unsupported_audio_type', UnsupportedAudioTypeError);

export class ProviderNotSupportSpeechToTextError extends DomainError {
  constructor(message = 'The provider does not support speech to text.', extra?: { params?: string; retryAfter?: number }) {
    super('provider_not_support_speech_to_text', ErrorCodes.provider_not_support_speech_to_text, message, extra);
  }
}
ERROR_REGISTRY.set('provider_not_support_speech_to_text', ProviderNotSupportSpeechToTextError);

export class InvalidOrExpiredTokenError extends DomainError {
  constructor(message = 'The token is invalid or has expired.', extra?: { params?: string; retryAfter?: number }) {
    super('invalid_or_expired_token', ErrorCodes['invalid_or_expired_token'], message, extra);
  }
}
ERROR_REGISTRY.set('invalid_or_expired_token', InvalidOrExpiredTokenError);

export class AlreadyActivateError extends DomainError {
  constructor(message = 'The invitation is invalid, has expired or was already used.', extra?: { params?: string; retryAfter?: number }) {
    super('already_activate', ErrorCodes['already_activate'], message, extra);
  }
}
ERROR_REGISTRY.set('already_activate', AlreadyActivateError);

export class PasswordMismatchError extends DomainError {
  constructor(message = 'The passwords do not match.', extra?: { params?: string; retryAfter?: number }) {
    super('password_mismatch', ErrorCodes['password_mismatch'], message, extra);
  }
}
ERROR_REGISTRY.set('password_mismatch', PasswordMismatchError);

export class CurrentPasswordIncorrectError extends DomainError {
  constructor(message = 'The current password is incorrect.', extra?: { params?: string; retryAfter?: number }) {
    super('current_password_incorrect', ErrorCodes['current_password_incorrect'], message, extra);
  }
}
ERROR_REGISTRY.set('current_password_incorrect', CurrentPasswordIncorrectError);

export class EmailAlreadyInUseError extends DomainError {
  constructor(message = 'An account with this email already exists.', extra?: { params?: string; retryAfter?: number }) {
    super('email_already_in_use', ErrorCodes['email_already_in_use'], message, extra);
  }
}
ERROR_REGISTRY.set('email_already_in_use', EmailAlreadyInUseError);

export class InvalidRoleError extends DomainError {
  constructor(message = 'Invalid role.', extra?: { params?: string; retryAfter?: number }) {
    super('invalid-role', ErrorCodes['invalid-role'], message, extra);
  }
}
ERROR_REGISTRY.set('invalid-role', InvalidRoleError);

export class CannotOperateSelfError extends DomainError {
  constructor(message = 'You cannot do this to your own membership.', extra?: { params?: string; retryAfter?: number }) {
    super('cannot-operate-self', ErrorCodes['cannot-operate-self'], message, extra);
  }
}
ERROR_REGISTRY.set('cannot-operate-self', CannotOperateSelfError);
/** An operation of Dify's API that Sluice routes but does not serve (it needs Dify's plugin daemon or a node type Sluice lacks). */
export class NotImplementedError extends DomainError {
  constructor(message = 'This operation is not served by Sluice.', extra?: { params?: string; retryAfter?: number }) {
    super('not_implemented', ErrorCodes.not_implemented, message, extra);
  }
}
ERROR_REGISTRY.set('not_implemented', NotImplementedError);
export class ConflictError extends DomainError {
  constructor(message = 'The resource was changed by another request at the same time; please retry.', extra?: { params?: string; retryAfter?: number }) {
    super('conflict', ErrorCodes.conflict, message, extra);
  }
}
ERROR_REGISTRY.set('conflict', ConflictError);
