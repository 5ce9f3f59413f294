using AfterSales.Documents.Grpc;
using AfterSales.Documents.V1;
using AfterSales.Platform.Errors;
using Google.Protobuf;
using Model = AfterSales.Documents.Model;

namespace AfterSales.UnitTests.Documents;

public class ArchiveRequestTests
{
    private static readonly Model.Template Voucher = new(Guid.NewGuid(), "SERVICE-VOUCHER", "服务凭证", 1, Model.SubjectKind.Ticket);

    private static ArchiveDocumentRequest Valid(int contentLength = 3) => new()
    {
        TemplateCode = "SERVICE-VOUCHER",
        SubjectId = Guid.NewGuid().ToString(),
        Content = ByteString.CopyFrom(new byte[contentLength]),
        MediaType = " application/pdf ",
    };

    [Fact]
    public void A_valid_request_becomes_a_submission_of_its_template()
    {
        var request = Valid();

        var submission = request.ToSubmission(Voucher);

        Assert.Same(Voucher, submission.Template);
        Assert.Equal(Guid.Parse(request.SubjectId), submission.SubjectId);
        Assert.Equal("application/pdf", submission.MediaType);
        Assert.Equal(3, submission.Content.Length);
    }

    [Fact]
    public void Every_missing_field_is_reported_at_once()
    {
        var error = Assert.Throws<ValidationException>(() => new ArchiveDocumentRequest().ToSubmission(null));

        Assert.Equal(["content", "media_type", "subject_id", "template_code"], error.Violations.Select(v => v.Field).Order());
    }

    [Fact]
    public void A_code_that_names_no_template_is_a_field_violation()
    {
        var request = Valid();
        request.TemplateCode = "NO-SUCH-FORM";

        var error = Assert.Throws<ValidationException>(() => request.ToSubmission(null));

        Assert.Equal("template_code", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void Content_of_exactly_10_MiB_is_accepted_and_one_byte_more_is_not()
    {
        Assert.Equal(Model.ArchivedDocument.MaxContentBytes, Valid(Model.ArchivedDocument.MaxContentBytes).ToSubmission(Voucher).Content.Length);

        var error = Assert.Throws<ValidationException>(() => Valid(Model.ArchivedDocument.MaxContentBytes + 1).ToSubmission(Voucher));

        Assert.Equal("content", Assert.Single(error.Violations).Field);
    }

    [Theory]
    [InlineData("pdf")]
    [InlineData("application/")]
    [InlineData("application/pdf, image/png")]
    public void A_media_type_must_be_type_and_subtype(string mediaType)
    {
        var request = Valid();
        request.MediaType = mediaType;

        var error = Assert.Throws<ValidationException>(() => request.ToSubmission(Voucher));

        Assert.Equal("media_type", Assert.Single(error.Violations).Field);
    }
}
