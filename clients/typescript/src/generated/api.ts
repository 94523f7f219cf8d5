// Generated from LiveCode's OpenAPI document by scripts/generate.ts (openapi-typescript): do not edit.
// make test fails when this differs from what the API serves; regenerate with
//   npm run generate -- http://127.0.0.1:3000/openapi.json   (in clients/typescript)

export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ok";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: PostgreSQL and Redis reachable */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ready";
                            checks: {
                                /** @enum {string} */
                                postgres: "ok";
                                /** @enum {string} */
                                redis: "ok";
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/code-sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a code session */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description a language id, as listed by GET /languages
                         * @enum {unknown}
                         */
                        language: "c" | "cpp" | "go" | "java" | "javascript" | "python" | "ruby" | "rust" | "typescript";
                        /** @description the program; at most SOURCE_LIMIT_BYTES bytes of UTF-8 */
                        source_code?: string;
                        /** @description the program's standard input; at most STDIN_LIMIT_BYTES bytes of UTF-8 */
                        stdin?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            session_id: string;
                            /**
                             * @description a language id, as listed by GET /languages
                             * @enum {unknown}
                             */
                            language: "c" | "cpp" | "go" | "java" | "javascript" | "python" | "ruby" | "rust" | "typescript";
                            source_code: string;
                            stdin: string;
                            /** @description runs so far (capped per session) */
                            execution_count: number;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            created_at: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            updated_at: string;
                        };
                    };
                };
                /** @description Every error, whatever the route */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/code-sessions/{session_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a code session */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    session_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            session_id: string;
                            /**
                             * @description a language id, as listed by GET /languages
                             * @enum {unknown}
                             */
                            language: "c" | "cpp" | "go" | "java" | "javascript" | "python" | "ruby" | "rust" | "typescript";
                            source_code: string;
                            stdin: string;
                            /** @description runs so far (capped per session) */
                            execution_count: number;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            created_at: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            updated_at: string;
                        };
                    };
                };
                /** @description Every error, whatever the route */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Autosave: change any of language, source_code, stdin */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    session_id: string;
                };
                cookie?: never;
            };
            /** @description any of the fields; at least one */
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description a language id, as listed by GET /languages
                         * @enum {unknown}
                         */
                        language?: "c" | "cpp" | "go" | "java" | "javascript" | "python" | "ruby" | "rust" | "typescript";
                        /** @description the program; at most SOURCE_LIMIT_BYTES bytes of UTF-8 */
                        source_code?: string;
                        /** @description the program's standard input; at most STDIN_LIMIT_BYTES bytes of UTF-8 */
                        stdin?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            session_id: string;
                            /**
                             * @description a language id, as listed by GET /languages
                             * @enum {unknown}
                             */
                            language: "c" | "cpp" | "go" | "java" | "javascript" | "python" | "ruby" | "rust" | "typescript";
                            source_code: string;
                            stdin: string;
                            /** @description runs so far (capped per session) */
                            execution_count: number;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            created_at: string;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            updated_at: string;
                        };
                    };
                };
                /** @description Every error, whatever the route */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/code-sessions/{session_id}/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run the session as it is now (optionally judged against test cases); follow GET /executions/{execution_id}/events, or GET it with ?wait=, for the outcome */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description the same key on the same session within 24 h answers with the first run; nothing new is run */
                    "idempotency-key"?: string;
                };
                path: {
                    session_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description judge the program: compiled once, run once per case, each with a verdict */
                        test_cases?: {
                            /** @description the case's standard input; at most 65536 bytes of UTF-8 */
                            stdin: string;
                            /** @description what stdout must be (see compare); at most 65536 bytes of UTF-8 */
                            expected_stdout?: string;
                            /** @description wall time of this case (default 5000); the run's own limit still bounds them all */
                            time_limit_ms?: number;
                            /** @description true: only its verdict is ever returned (not its stdin, expected or actual output) */
                            hidden?: boolean;
                        }[];
                        /**
                         * @description how stdout is compared with expected_stdout: lines (the default: trailing spaces of each line and trailing empty lines ignored) or exact
                         * @enum {unknown}
                         */
                        compare?: "lines" | "exact";
                        /** @description http(s) URL that gets one POST of the finished execution (as GET /executions/{id} gives it), signed in a `LiveCode-Signature: t=<unix s>,v1=<hex HMAC-SHA256 of "t.body">` header and retried with backoff for up to 24 h until it answers 2xx; loopback, private, link-local and metadata addresses are refused */
                        callback_url?: string;
                        /** @description true: the program's stdin stays open after the session's stdin; send more with POST /executions/{id}/input */
                        interactive?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            execution_id: string;
                            /** Format: uuid */
                            session_id: string;
                            /** @enum {string} */
                            status: "QUEUED";
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            queued_at: string;
                        };
                    };
                };
                /** @description Every error, whatever the route */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/code-sessions/{session_id}/executions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A session's executions as summaries (no output), newest first, a page at a time */
        get: {
            parameters: {
                query?: {
                    /** @description page size */
                    limit?: number;
                    /** @description next_cursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path: {
                    session_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description newest first; summaries without stdout and stderr (GET /executions/{execution_id} has them) */
                            executions: {
                                /** Format: uuid */
                                execution_id: string;
                                /** Format: uuid */
                                session_id: string;
                                /**
                                 * @description a language id, as listed by GET /languages
                                 * @enum {unknown}
                                 */
                                language: "c" | "cpp" | "go" | "java" | "javascript" | "python" | "ruby" | "rust" | "typescript";
                                /** @enum {unknown} */
                                status: "QUEUED" | "RUNNING" | "COMPLETED" | "FAILED" | "TIMEOUT";
                                stdout_truncated: boolean;
                                stderr_truncated: boolean;
                                exit_code: number | null;
                                failure_reason: ("compile_error" | "runtime_error" | "memory_limit" | "output_limit" | "internal_error" | "cancelled") | null;
                                duration_ms: number | null;
                                /** @description CPU time of the run's container, C++ compile included; null where unknown (the run never started) */
                                cpu_time_ms: number | null;
                                /** @description peak memory of the run's container (page cache and /tmp included); null where unknown */
                                peak_memory_bytes: number | null;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601, UTC
                                 */
                                queued_at: string;
                                started_at: string | null;
                                finished_at: string | null;
                                /** @description its stdin stayed open for POST /executions/{id}/input */
                                interactive: boolean;
                                /** @description an interactive run whose input was closed (eof) */
                                input_eof: boolean;
                                compare: ("lines" | "exact") | null;
                                /** @description cases accepted, of all; null for a run without test cases */
                                test_summary: {
                                    passed: number;
                                    total: number;
                                } | null;
                                /** @description UTF-8 bytes of the stored stream */
                                stdout_bytes: number;
                                /** @description UTF-8 bytes of the stored stream */
                                stderr_bytes: number;
                            }[];
                            /** @description null on the last page */
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description Every error, whatever the route */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/executions/{execution_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an execution; with ?wait=N, once it is terminal or after N seconds, whichever comes first */
        get: {
            parameters: {
                query?: {
                    /** @description seconds (0–30) to wait for a terminal state before answering with the current one */
                    wait?: number;
                };
                header?: never;
                path: {
                    execution_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            execution_id: string;
                            /** Format: uuid */
                            session_id: string;
                            /**
                             * @description a language id, as listed by GET /languages
                             * @enum {unknown}
                             */
                            language: "c" | "cpp" | "go" | "java" | "javascript" | "python" | "ruby" | "rust" | "typescript";
                            /** @enum {unknown} */
                            status: "QUEUED" | "RUNNING" | "COMPLETED" | "FAILED" | "TIMEOUT";
                            stdout: string;
                            stderr: string;
                            stdout_truncated: boolean;
                            stderr_truncated: boolean;
                            exit_code: number | null;
                            failure_reason: ("compile_error" | "runtime_error" | "memory_limit" | "output_limit" | "internal_error" | "cancelled") | null;
                            duration_ms: number | null;
                            /** @description CPU time of the run's container, C++ compile included; null where unknown (the run never started) */
                            cpu_time_ms: number | null;
                            /** @description peak memory of the run's container (page cache and /tmp included); null where unknown */
                            peak_memory_bytes: number | null;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            queued_at: string;
                            started_at: string | null;
                            finished_at: string | null;
                            /** @description its stdin stayed open for POST /executions/{id}/input */
                            interactive: boolean;
                            /** @description what was sent to an interactive run while it ran, in order (part of what ran) */
                            input: string;
                            /** @description an interactive run whose input was closed (eof) */
                            input_eof: boolean;
                            compare: ("lines" | "exact") | null;
                            /** @description a judged run: each case in order, with its verdict; null for a run without test cases */
                            test_results: {
                                index: number;
                                hidden: boolean;
                                /** @description null until the run has ended */
                                verdict: ("accepted" | "wrong_answer" | "runtime_error" | "time_limit" | "memory_limit" | "output_limit" | "skipped") | null;
                                stdin?: string;
                                expected_stdout?: string | null;
                                time_limit_ms?: number;
                                stdout?: string | null;
                                stderr?: string | null;
                                stdout_truncated?: boolean;
                                stderr_truncated?: boolean;
                                exit_code?: number | null;
                                duration_ms?: number | null;
                                cpu_time_ms?: number | null;
                                /** @description largest resident set of the case */
                                peak_memory_bytes?: number | null;
                            }[] | null;
                            /** @description cases accepted, of all; null for a run without test cases */
                            test_summary: {
                                passed: number;
                                total: number;
                            } | null;
                        };
                    };
                };
                /** @description Every error, whatever the route */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/executions/{execution_id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The run's events as they happen (Server-Sent Events), replayed from the start or from Last-Event-ID */
        get: {
            parameters: {
                query?: never;
                header?: {
                    /** @description resume after this event id (sent by EventSource) */
                    "last-event-id"?: string;
                };
                path: {
                    execution_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Server-Sent Events. `event: status`, data `{"status": ...}`: the current state first, then each change; `event: stdout` / `event: stderr`, data `{"data": "<text>"}`: output as the program writes it, within the per-stream cap of the stored output; `event: case` (judged runs), data: one test case with its verdict, as it is decided; `event: done`, data: the execution as GET /executions/{id} gives it, then the stream ends. Every event has an `id:` (send it back as Last-Event-ID to resume); a comment line every 15 s keeps the connection open. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": string;
                    };
                };
                /** @description Every error, whatever the route */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/executions/{execution_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a run: a queued one never starts, a running one is killed (output so far kept); it ends FAILED/cancelled */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    execution_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            execution_id: string;
                            /** Format: uuid */
                            session_id: string;
                            /**
                             * @description a language id, as listed by GET /languages
                             * @enum {unknown}
                             */
                            language: "c" | "cpp" | "go" | "java" | "javascript" | "python" | "ruby" | "rust" | "typescript";
                            /** @enum {unknown} */
                            status: "QUEUED" | "RUNNING" | "COMPLETED" | "FAILED" | "TIMEOUT";
                            stdout: string;
                            stderr: string;
                            stdout_truncated: boolean;
                            stderr_truncated: boolean;
                            exit_code: number | null;
                            failure_reason: ("compile_error" | "runtime_error" | "memory_limit" | "output_limit" | "internal_error" | "cancelled") | null;
                            duration_ms: number | null;
                            /** @description CPU time of the run's container, C++ compile included; null where unknown (the run never started) */
                            cpu_time_ms: number | null;
                            /** @description peak memory of the run's container (page cache and /tmp included); null where unknown */
                            peak_memory_bytes: number | null;
                            /**
                             * Format: date-time
                             * @description ISO 8601, UTC
                             */
                            queued_at: string;
                            started_at: string | null;
                            finished_at: string | null;
                            /** @description its stdin stayed open for POST /executions/{id}/input */
                            interactive: boolean;
                            /** @description what was sent to an interactive run while it ran, in order (part of what ran) */
                            input: string;
                            /** @description an interactive run whose input was closed (eof) */
                            input_eof: boolean;
                            compare: ("lines" | "exact") | null;
                            /** @description a judged run: each case in order, with its verdict; null for a run without test cases */
                            test_results: {
                                index: number;
                                hidden: boolean;
                                /** @description null until the run has ended */
                                verdict: ("accepted" | "wrong_answer" | "runtime_error" | "time_limit" | "memory_limit" | "output_limit" | "skipped") | null;
                                stdin?: string;
                                expected_stdout?: string | null;
                                time_limit_ms?: number;
                                stdout?: string | null;
                                stderr?: string | null;
                                stdout_truncated?: boolean;
                                stderr_truncated?: boolean;
                                exit_code?: number | null;
                                duration_ms?: number | null;
                                cpu_time_ms?: number | null;
                                /** @description largest resident set of the case */
                                peak_memory_bytes?: number | null;
                            }[] | null;
                            /** @description cases accepted, of all; null for a run without test cases */
                            test_summary: {
                                passed: number;
                                total: number;
                            } | null;
                        };
                    };
                };
                /** @description Every error, whatever the route */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/executions/{execution_id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every try at delivering the run's callback_url (time, status, error), oldest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    execution_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the run's callback_url; null: it has none */
                            callback_url: string | null;
                            /**
                             * @description none: no callback_url; pending: the run has not ended or a try is still to come; delivered: a try was answered 2xx; failed: the tries are spent or the target is refused
                             * @enum {unknown}
                             */
                            state: "none" | "pending" | "delivered" | "failed";
                            /** @description every try, oldest first */
                            deliveries: {
                                /** @description 1 for the first try */
                                attempt: number;
                                /**
                                 * Format: date-time
                                 * @description ISO 8601, UTC
                                 */
                                attempted_at: string;
                                duration_ms: number;
                                /** @description the receiver's HTTP status; null when none came (connection refused, timeout, forbidden address) */
                                status_code: number | null;
                                /** @description why the try failed; null when it was delivered */
                                error: string | null;
                            }[];
                        };
                    };
                };
                /** @description Every error, whatever the route */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/executions/{execution_id}/input": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send more to an interactive run's stdin while it runs; eof: true closes it */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    execution_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description appended to the program's stdin as it is (UTF-8) */
                        data: string;
                        /** @description true: close the stdin after `data` (the program reads end of file) */
                        eof?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            execution_id: string;
                            /** @description bytes of input this run has been sent, in total */
                            input_bytes: number;
                            /** @description the input is closed */
                            eof: boolean;
                        };
                    };
                };
                /** @description Every error, whatever the route */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/languages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The languages sessions may use, with the toolchain version the workers report */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @description a language id, as listed by GET /languages
                             * @enum {unknown}
                             */
                            language: "c" | "cpp" | "go" | "java" | "javascript" | "python" | "ruby" | "rust" | "typescript";
                            name: string;
                            /** @description the name the source is written to, e.g. main.go (Java: Main.java) */
                            source_file: string;
                            /** @description a program to start from: it reads a name from stdin and greets; may be empty */
                            example: string;
                            /** @description the playground editor's mode (a CodeMirror language); null: plain text */
                            editor: string | null;
                            /** @description reported by the workers; null until one has */
                            version: string | null;
                        }[];
                    };
                };
                /** @description Every error, whatever the route */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
                /** @description Every error, whatever the route */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @enum {unknown} */
                                code: "validation_error" | "unauthorized" | "not_found" | "request_timeout" | "execution_limit_reached" | "already_finished" | "not_running" | "not_interactive" | "input_closed" | "payload_too_large" | "rate_limited" | "too_many_active_runs" | "headers_too_large" | "internal_error" | "unavailable" | "overloaded";
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
