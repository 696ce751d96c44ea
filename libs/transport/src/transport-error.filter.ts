import { ArgumentsHost, Catch, RpcExceptionFilter } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';

/**
 * Nest's default RPC exception handler flattens every error to "Internal server error".
 * This filter hands the original error to the transport, which sends DomainErrors as data
 * and turns anything else into internal_server_error with a logged error id.
 */
@Catch()
export class TransportErrorFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}
