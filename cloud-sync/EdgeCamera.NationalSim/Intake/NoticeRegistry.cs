using EdgeCamera.Contracts.National;
using Microsoft.Extensions.Options;

namespace EdgeCamera.NationalSim.Intake;

/// <summary>
/// Assigns one violation number per idempotency key and keeps the notice that would go to the driver.
/// A repeated key returns the first notice unchanged: this is what makes the cloud's retries safe.
/// In memory: the stand-in forgets on restart (the real national system does not).
/// </summary>
public sealed class NoticeRegistry(IOptions<NationalSimOptions> options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Notice> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Notice> _byNumber = new(StringComparer.Ordinal);
    private readonly List<Notice> _inOrder = [];
    private long _duplicates;

    public long Duplicates => Interlocked.Read(ref _duplicates);

    public enum Outcome { Created, AlreadyReceived, UnknownViolationType }

    public Outcome Register(string idempotencyKey, ViolationIntake intake, out Notice? notice)
    {
        var o = options.Value;
        lock (_gate)
        {
            if (_byKey.TryGetValue(idempotencyKey, out notice))
            {
                _duplicates++;
                return Outcome.AlreadyReceived;
            }

            if (!o.Fines.TryGetValue(intake.ViolationTypeCode, out var fine))
            {
                notice = null;
                return Outcome.UnknownViolationType;
            }

            var now = time.GetUtcNow();
            var number = $"{o.ViolationNumberPrefix}-{now:yyyy}-{_inOrder.Count + 1:D7}";
            notice = new Notice(
                number,
                intake.EventId,
                intake.ViolationTypeCode,
                fine.DescriptionEn,
                fine.DescriptionAr,
                intake.OccurredAtUtc,
                $"{intake.Road} ({intake.Direction}) {intake.LatitudeDeg:F5},{intake.LongitudeDeg:F5}",
                intake.PlateText,
                intake.PlateCountry,
                fine.Amount,
                o.Currency,
                o.PaymentBaseUrl + number,
                o.ObjectionBaseUrl + number,
                intake.EvidenceReference,
                now);
            _byKey.Add(idempotencyKey, notice);
            _byNumber.Add(number, notice);
            _inOrder.Add(notice);
            return Outcome.Created;
        }
    }

    public IReadOnlyList<Notice> All()
    {
        lock (_gate)
        {
            return [.. _inOrder];
        }
    }

    public bool TryGet(string violationNumber, out Notice? notice)
    {
        lock (_gate)
        {
            return _byNumber.TryGetValue(violationNumber, out notice);
        }
    }
}
