using System;
using System.Collections.Generic;
using System.Security.Cryptography;

namespace FunnelFlux.Ids
{
    /// <summary>
    /// Makes FunnelFlux asset IDs. All IDs of one <see cref="Generate"/> call are distinct and
    /// ascend in ordinal string order: the first ID of each millisecond takes a random tail drawn
    /// from a cryptographic source, and the following IDs of that millisecond count upward from it.
    /// The first draw leaves room for every ID still to come, so the count never overflows.
    /// </summary>
    public sealed class AssetIdGenerator : IDisposable
    {
        private readonly Func<DateTimeOffset> _clock;
        private readonly RandomNumberGenerator _random = RandomNumberGenerator.Create();
        private readonly byte[] _randomBytes = new byte[4096];
        private int _randomPosition = int.MaxValue;

        /// <summary>A generator on the system clock.</summary>
        public AssetIdGenerator() : this(() => DateTimeOffset.UtcNow)
        {
        }

        /// <summary>A generator on the given clock (for tests and reproducible times).</summary>
        public AssetIdGenerator(Func<DateTimeOffset> clock)
        {
            _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        }

        /// <summary>
        /// Yields <paramref name="count"/> IDs, lazily. With <paramref name="timestamp"/>, every ID
        /// carries that time; without it, each carries the clock's time when it is made (never
        /// earlier than the previous one, should the clock step back).
        /// </summary>
        public IEnumerable<string> Generate(int count, DateTimeOffset? timestamp = null)
        {
            if (count < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(count), count, "Count must be at least 1.");
            }
            if (timestamp.HasValue)
            {
                AssetIdFormat.EnsureInRange(timestamp.Value, nameof(timestamp));
            }
            return GenerateIterator(count, timestamp);
        }

        private IEnumerable<string> GenerateIterator(int count, DateTimeOffset? timestamp)
        {
            var buffer = new char[AssetIdFormat.Length];
            long previousTime = -1;
            long tail = 0;
            for (int remaining = count; remaining > 0; remaining--)
            {
                DateTimeOffset now = timestamp ?? _clock();
                AssetIdFormat.EnsureInRange(now, "clock");
                long time = Math.Max(AssetIdFormat.ToTimeOffset(now), previousTime);
                if (time != previousTime)
                {
                    tail = NextRandomBelow(AssetIdFormat.RandomSpace - remaining + 1);
                    previousTime = time;
                    AssetIdFormat.WriteDigits(buffer, 0, AssetIdFormat.TimeLength, time);
                }
                else
                {
                    tail++;
                }
                AssetIdFormat.WriteDigits(buffer, AssetIdFormat.TimeLength, AssetIdFormat.RandomLength, tail);
                yield return new string(buffer);
            }
        }

        /// <summary>
        /// A uniform value in [0, <paramref name="bound"/>) from the cryptographic source, by
        /// rejection sampling on 30-bit draws (bound never exceeds 62^5 &lt; 2^30), so no modulo bias.
        /// </summary>
        internal long NextRandomBelow(long bound)
        {
            while (true)
            {
                if (_randomPosition > _randomBytes.Length - 4)
                {
                    _random.GetBytes(_randomBytes);
                    _randomPosition = 0;
                }
                long draw = BitConverter.ToUInt32(_randomBytes, _randomPosition) & 0x3FFFFFFF;
                _randomPosition += 4;
                if (draw < bound)
                {
                    return draw;
                }
            }
        }

        public void Dispose() => _random.Dispose();
    }
}
