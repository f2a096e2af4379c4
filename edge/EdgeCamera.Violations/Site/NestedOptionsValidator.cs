using System.ComponentModel.DataAnnotations;

namespace EdgeCamera.Violations.Site;

/// <summary>
/// Data annotations on nested options objects are not checked by <c>ValidateDataAnnotations</c> (it looks at the top
/// level only): each options class calls this for its children, and the messages name the path.
/// </summary>
internal static class NestedOptionsValidator
{
    public static IEnumerable<ValidationResult> Validate(object? child, string path)
    {
        if (child is null)
        {
            yield return new ValidationResult($"{path} is required", [path]);
            yield break;
        }

        var results = new List<ValidationResult>();
        Validator.TryValidateObject(child, new ValidationContext(child), results, validateAllProperties: true);
        foreach (var r in results)
        {
            yield return new ValidationResult($"{path}: {r.ErrorMessage}", [path]);
        }
    }
}
