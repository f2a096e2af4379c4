using EdgeCamera.Contracts.National;
using EdgeCamera.NationalSim.Faults;
using Microsoft.AspNetCore.Mvc;

namespace EdgeCamera.NationalSim.Intake;

/// <summary>The intake API the national system offers (cloud-sync/docs/national-intake.md).</summary>
public static class IntakeEndpoints
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static void MapIntake(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/violations", ReceiveAsync)
            .WithName("SubmitViolation")
            .WithTags("Intake")
            .WithSummary("Submit one verified violation; the national system assigns its violation number.")
            .WithDescription("Idempotent on the Idempotency-Key header (= eventId): a repeated key answers 200 with the first receipt and creates nothing.")
            .Produces<IntakeReceipt>(StatusCodes.Status201Created)
            .Produces<IntakeReceipt>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        app.MapGet("/api/v1/notices", (NoticeRegistry registry) => Results.Ok(registry.All()))
            .WithName("ListNotices")
            .WithTags("Notices")
            .WithSummary("The notices sent to vehicle owners, oldest first.")
            .Produces<IReadOnlyList<Notice>>();
        app.MapGet("/api/v1/notices/{number}", (string number, NoticeRegistry registry) =>
            registry.TryGet(number, out var notice) ? Results.Ok(notice) : Results.NotFound())
            .WithName("GetNotice")
            .WithTags("Notices")
            .WithSummary("One notice by its violation number.")
            .Produces<Notice>()
            .Produces(StatusCodes.Status404NotFound);
        app.MapGet("/api/v1/stats", (NoticeRegistry registry) =>
            Results.Ok(new { notices = registry.All().Count, duplicates = registry.Duplicates }))
            .ExcludeFromDescription(); // stand-in only
        app.MapPost("/admin/faults", (FaultInjector faults, FaultInjector.Settings settings) =>
        {
            faults.Apply(settings);
            return Results.NoContent();
        }).ExcludeFromDescription(); // stand-in only
    }

    private static async Task<IResult> ReceiveAsync(
        [FromHeader(Name = IdempotencyHeader)] string? idempotencyKey,
        ViolationIntake? intake,
        NoticeRegistry registry,
        FaultInjector faults,
        HttpContext context,
        ILoggerFactory loggers)
    {
        var log = loggers.CreateLogger("NationalSim.Intake");
        if (faults.Delay > TimeSpan.Zero)
        {
            await Task.Delay(faults.Delay, context.RequestAborted);
        }

        if (faults.ShouldFail(out var failStatus))
        {
            return Results.Problem("injected failure", statusCode: failStatus);
        }

        if (string.IsNullOrWhiteSpace(idempotencyKey))
        {
            return Results.Problem($"the {IdempotencyHeader} header is required", statusCode: StatusCodes.Status400BadRequest);
        }

        if (intake is null || intake.EventId.ToString() != idempotencyKey)
        {
            return Results.Problem($"body missing or its eventId differs from {IdempotencyHeader}", statusCode: StatusCodes.Status400BadRequest);
        }

        var outcome = registry.Register(idempotencyKey, intake, out var notice);
        switch (outcome)
        {
            case NoticeRegistry.Outcome.UnknownViolationType:
                return Results.Problem($"unknown violation type '{intake.ViolationTypeCode}'", statusCode: StatusCodes.Status422UnprocessableEntity);
            case NoticeRegistry.Outcome.AlreadyReceived:
                log.LogInformation("Repeated intake {EvidenceId} answered with {ViolationNumber}", intake.EventId, notice!.ViolationNumber);
                return Results.Ok(new IntakeReceipt(notice.ViolationNumber, true, $"/api/v1/notices/{notice.ViolationNumber}"));
            default:
                log.LogInformation("Notice {ViolationNumber} issued for {Plate} ({Country}), event {EvidenceId}", notice!.ViolationNumber, notice.PlateText, notice.PlateCountry, intake.EventId);
                return Results.Created($"/api/v1/notices/{notice.ViolationNumber}", new IntakeReceipt(notice.ViolationNumber, false, $"/api/v1/notices/{notice.ViolationNumber}"));
        }
    }
}
