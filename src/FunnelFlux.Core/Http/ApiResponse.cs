using System;
using System.Collections.Generic;

namespace FunnelFlux.Http
{
    /// <summary>The final answer to a request, after any retries.</summary>
    internal sealed class ApiResponse
    {
        private BodyBytes _bytes;
        private string? _body;
        private bool _bodyReturned;

        public ApiResponse(int statusCode, string reasonPhrase, string body, string? mediaType, TimeSpan? retryAfter)
        {
            StatusCode = statusCode;
            ReasonPhrase = reasonPhrase;
            _body = body ?? throw new ArgumentNullException(nameof(body));
            _bytes = BodyBytes.Empty;
            MediaType = mediaType;
            RetryAfter = retryAfter;
        }

        /// <summary>An answer as it came off the wire; its text is decoded on first use.</summary>
        public ApiResponse(int statusCode, string reasonPhrase, BodyBytes body, string? mediaType, TimeSpan? retryAfter)
        {
            StatusCode = statusCode;
            ReasonPhrase = reasonPhrase;
            _bytes = body;
            MediaType = mediaType;
            RetryAfter = retryAfter;
        }

        public int StatusCode { get; }

        public string ReasonPhrase { get; }

        /// <summary>The body as text (decoded once, when first asked for).</summary>
        public string Body => _body ??= BytesInHand().Decode();

        /// <summary>
        /// True when the body's text is not empty (blanks count), told without decoding it; a
        /// UTF-8 byte order mark alone is no text.
        /// </summary>
        public bool HasBody => _body != null ? _body.Length > 0 : _bytes.TryGetUtf8(out var utf8) ? utf8.Length > 0 : _bytes.Length > 0;

        /// <summary>
        /// The start of the body as text, decoded only as far as an excerpt of
        /// <paramref name="maxChars"/> characters needs (see <see cref="BodyBytes.DecodeStart"/>);
        /// the whole text when it has already been decoded.
        /// </summary>
        public string BodyStart(int maxChars, out bool more)
        {
            if (_body != null)
            {
                more = false;
                return _body;
            }
            return BytesInHand().DecodeStart(maxChars, out more);
        }

        /// <summary>
        /// The body's UTF-8 bytes when it arrived as UTF-8 (what JSON readers prefer: no text is
        /// made); false for a body given as text or in another encoding.
        /// </summary>
        public bool TryGetUtf8Body(out ReadOnlyMemory<byte> utf8)
        {
            if (_bytes.Buffer.Length == 0 && _body != null)
            {
                utf8 = ReadOnlyMemory<byte>.Empty;
                return false;
            }
            return BytesInHand().TryGetUtf8(out utf8);
        }

        /// <summary>
        /// Gives a body read into a rented buffer (<see cref="ApiRequest.MayRentBody"/>) back to
        /// the pool. Call it once nothing made from the answer reads its bytes any more (typed
        /// results copy what they keep); afterwards only text already decoded can be read.
        /// Nothing happens for a body that was not rented, or the second time.
        /// </summary>
        public void ReturnBody()
        {
            if (!_bytes.Rented || _bodyReturned)
            {
                return;
            }
            _bodyReturned = true;
            var rented = _bytes.Buffer;
            _bytes = BodyBytes.Empty;
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }

        private BodyBytes BytesInHand()
        {
            // The pool may already have lent the buffer to someone else: its bytes are not this body.
            if (_bodyReturned)
            {
                throw new InvalidOperationException("The answer's body was given back to the buffer pool and can no longer be read.");
            }
            return _bytes;
        }

        public string? MediaType { get; }

        /// <summary>The server's Retry-After, as a delay from when the answer arrived.</summary>
        public TimeSpan? RetryAfter { get; }

        /// <summary>For a 429: the moment the session may send again (the server's wish, or the module's backoff).</summary>
        public DateTimeOffset? RetryAt { get; set; }

        /// <summary>Where a redirect pointed (absolute, without user info or query); never followed.</summary>
        public string? Location { get; set; }

        public bool IsSuccessStatus => StatusCode >= 200 && StatusCode <= 299;

        public bool IsRedirect => StatusCode >= 300 && StatusCode <= 399;

        /// <summary>The answer's headers (response and content headers), names case-insensitive.</summary>
        public IReadOnlyDictionary<string, string[]> Headers { get; set; } = ResponseHeaders.None;

        /// <summary>The request and its attempts, for messages ("after 3 attempts").</summary>
        public int Attempts { get; set; } = 1;
    }
}
