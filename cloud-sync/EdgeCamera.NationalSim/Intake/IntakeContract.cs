using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EdgeCamera.NationalSim.Intake;

/// <summary>The title and description of the published intake contract (OpenAPI document "v1").</summary>
public static class IntakeContract
{
    public static void Configure(OpenApiOptions options) =>
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "National traffic system: violation intake",
                Version = "v1",
                Description = "What a roadside-camera operator submits (violation type code, date and time, location, plate and country, evidence reference) and the notice the owner receives (adds the violation number, description, amount, payment and objection links). Human-readable: cloud-sync/docs/national-intake.md.",
            };
            document.Servers = [];
            return Task.CompletedTask;
        });
}
